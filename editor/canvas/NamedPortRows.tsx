/**
 * The port rows of a node whose ports are known by name only (a block instance, a node of a
 * missing plugin): inputs on the left, outputs on the right, one handle each, ids the port names.
 */
import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';

/** Props of {@link NamedPortRows}. */
export interface NamedPortRowsProps {
  readonly nodeId: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Extra class of every handle (e.g. the tensor kind's colour). */
  readonly handleClass?: string;
  /** False for a node that cannot be linked (a missing plugin). */
  readonly connectable: boolean;
  /** What follows an output's name (the shape it carries). */
  readonly outputNote?: (port: string) => ReactNode;
}

/** One row per port pair; handles are `handle-<node>-<port>` to tests. */
export function NamedPortRows({ nodeId, inputs, outputs, handleClass, connectable, outputNote }: NamedPortRowsProps) {
  const rows = Math.max(inputs.length, outputs.length);
  const cls = handleClass ? `nw-handle ${handleClass}` : 'nw-handle';
  return (
    <div className="nw-node-ports">
      {Array.from({ length: rows }, (_, i) => {
        const [input, output] = [inputs[i], outputs[i]];
        return (
          <div className="nw-port-row" key={i}>
            {input === undefined ? <span /> : (
              <span className="nw-port nw-port-in">
                <Handle type="target" position={Position.Left} id={input} className={cls} isConnectable={connectable} data-testid={`handle-${nodeId}-${input}`} />
                {input}
              </span>
            )}
            {output === undefined ? <span /> : (
              <span className="nw-port nw-port-out">
                {output} {outputNote?.(output)}
                <Handle type="source" position={Position.Right} id={output} className={cls} isConnectable={connectable} data-testid={`handle-${nodeId}-${output}`} />
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
