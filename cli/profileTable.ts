/**
 * A time profile (runtime/exec/profile.ts) as text: a summary of the step, the node table
 * (most time first) and the kernel-type table.
 */
import type { NodeProfile, PlanProfile } from '../runtime/exec/profileTypes.ts';

/** Kernel types printed; the rest are counted in one line (`--json` has them all). */
const KERNEL_ROWS = 20;

/** Milliseconds with three significant figures or more (`0.042`, `3.14`, `12.3`, `112`). */
export function formatMs(ms: number): string {
  const a = Math.abs(ms);
  return ms.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

/** A share as `31.4 %`. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** Rows of cells as aligned columns: the first `left` columns left-aligned, the rest right-aligned. */
function columns(rows: readonly (readonly string[])[], left: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function kernelsOf(n: NodeProfile): string {
  return n.kernels ? String(n.kernels.forward + n.kernels.backward + n.kernels.update) : '?';
}

/** A time, or a dot where the node had none of that kind. */
function cell(ms: number): string {
  return ms === 0 ? '·' : formatMs(ms);
}

const CLOCKS: Record<PlanProfile['clock'], string> = {
  wall: 'wall time around the calls (this backend runs each kernel when it is called)',
  'wall-to-readback':
    "wall time to an awaited one-element readback of each region, less a readback's own latency",
};

/** The profile as the lines `netwright profile` prints. */
export function profileText(file: string, p: PlanProfile): string {
  const { totals } = p;
  const head = [
    `${file} on ${p.backend}: ${p.steps} profiled step${p.steps === 1 ? '' : 's'} after ${p.warmupSteps} warm-up, batch ${p.batchSize}`,
    `step ${formatMs(p.stepMs)} ms (median) = forward ${formatMs(totals.forwardMs)} + backward ${formatMs(totals.backwardMs)} + update ${formatMs(totals.updateMs)} + other ${formatMs(totals.otherMs)} ms`,
    '  (other: the tape summing gradients, penalties, gradient norm and clipping, hooks, readbacks)',
    '',
  ];
  const nodeRows = [
    ['node', 'type', 'fwd ms', 'bwd ms', 'upd ms', '% step', 'kernels'],
    ...p.nodes.map((n) => [
      n.node,
      n.type,
      cell(n.forwardMs),
      cell(n.backwardMs),
      cell(n.updateMs),
      formatShare(n.share),
      kernelsOf(n),
    ]),
  ];
  const lines = [...head, ...columns(nodeRows, 2)];
  if (p.kernels) {
    const timed = p.kernels.some((k) => k.msPerStep !== undefined);
    const shown = p.kernels.slice(0, KERNEL_ROWS);
    const kernelRows = [
      ['kernel', 'per step', ...(timed ? ['ms/step', '% kernel time'] : [])],
      ...shown.map((k) => [
        k.name,
        Number.isInteger(k.perStep) ? String(k.perStep) : k.perStep.toFixed(1),
        ...(timed ? [formatMs(k.msPerStep ?? 0), formatShare(k.share ?? 0)] : []),
      ]),
    ];
    lines.push('', ...columns(kernelRows, 1));
    const more = p.kernels.length - shown.length;
    if (more > 0) lines.push(`… ${more} more kernel type${more === 1 ? '' : 's'} (--json lists them all)`);
    lines.push(`${Math.round(p.kernelsPerStep ?? 0)} kernels per step`);
  } else {
    lines.push(
      '',
      `kernel types: not profiled on ${p.backend} (tfjs's profiler would read every kernel back)`,
    );
  }
  lines.push(`times: ${CLOCKS[p.clock]}; medians of ${p.steps} step${p.steps === 1 ? '' : 's'}`, '');
  return lines.join('\n');
}
