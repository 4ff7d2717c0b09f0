/**
 * Predictions view for 2-D classifiers (the two-spirals family): class-1 probability over a
 * grid, painted on a canvas, with the eval points on top. The grid is inferred in the worker;
 * the page only paints. It refreshes after each evaluation and when a run ends or weights load.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { boundsOf, classOneProbability, findBoundaryTask, gridTensor } from './predictions.ts';
import type { RunPhase, RunSession } from './runSession.ts';

const GRID = 48;
const SIZE = 192;

/** Props of {@link DecisionBoundary}. */
export interface DecisionBoundaryProps {
  readonly session: RunSession;
  /** Graph hash of the weights in the engine (none: nothing to show). */
  readonly loadedGraphHash: string | undefined;
  readonly phase: RunPhase;
  /** Evaluations so far in the current run: each one refreshes the view. */
  readonly evalCount: number;
}

function paint(canvas: HTMLCanvasElement, probs: Float32Array, points: Float32Array, labels: Int32Array | undefined, box: ReturnType<typeof boundsOf>): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    const p = probs[i] ?? 0.5;
    img.data[4 * i] = Math.round(255 * (1 - p * 0.6));
    img.data[4 * i + 1] = Math.round(200 + 30 * Math.abs(p - 0.5));
    img.data[4 * i + 2] = Math.round(255 * (0.4 + 0.6 * p));
    img.data[4 * i + 3] = 255;
  }
  const tmp = document.createElement('canvas');
  tmp.width = GRID;
  tmp.height = GRID;
  tmp.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, 0, 0, SIZE, SIZE);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = ((points[i]! - box.minX) / (box.maxX - box.minX)) * SIZE;
    const y = ((box.maxY - points[i + 1]!) / (box.maxY - box.minY)) * SIZE;
    ctx.fillStyle = labels?.[i / 2] === 1 ? '#1d4ed8' : '#b91c1c';
    ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
}

/** The decision boundary of the loaded weights, or nothing for graphs it does not fit. */
export const DecisionBoundary = memo(function DecisionBoundary({ session, loadedGraphHash, phase, evalCount }: DecisionBoundaryProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | undefined>();
  const plan = session.plan();
  const task = plan && loadedGraphHash === plan.graphHash ? findBoundaryTask(plan) : undefined;
  const trigger = `${loadedGraphHash ?? ''}/${phase}/${evalCount}`;
  useEffect(() => {
    if (!task) return;
    let cancelled = false;
    void (async () => {
      try {
        const sample = await session.infer({}, [`${task.dataNode}:${task.pointPort}`, ...(task.labelPort ? [`${task.dataNode}:${task.labelPort}`] : [])]);
        const points = new Float32Array(sample[`${task.dataNode}:${task.pointPort}`]!.data);
        const labelT = task.labelPort ? sample[`${task.dataNode}:${task.labelPort}`] : undefined;
        const labels = labelT?.dtype === 'int32' ? new Int32Array(labelT.data) : undefined;
        const box = boundsOf(points);
        const out = await session.infer({ [task.dataNode]: { [task.pointPort]: gridTensor(box, GRID) } }, [task.logitsKey]);
        const probs = classOneProbability(new Float32Array(out[task.logitsKey]!.data), task.classes);
        if (!cancelled && canvas.current) {
          paint(canvas.current, probs, points, labels, box);
          canvas.current.dataset.painted = String(Number(canvas.current.dataset.painted ?? '0') + 1);
          setError(undefined);
        }
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [session, task, trigger]);
  if (!task) return null;
  return (
    <figure className="nw-run-boundary">
      <canvas ref={canvas} width={SIZE} height={SIZE} data-testid="run-boundary" />
      <figcaption>{error ? `Predictions unavailable: ${error}` : 'Decision boundary (eval points on top)'}</figcaption>
    </figure>
  );
});
