/**
 * Predictions view for 2-D classifiers (the two-spirals family): class-1 probability over a
 * grid, painted on a canvas, with the eval points on top. The grid is inferred in the worker;
 * the page only paints. It refreshes after each evaluation and when a run ends or weights load.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ExecutionPlan } from '../../workers/engineApi.ts';
import { chartFrames } from './frameQueue.ts';
import { boundsOf, classOneProbability, findBoundaryTask, gridTensor, type Box } from './predictions.ts';
import type { RunPhase, RunSession } from './runSession.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

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

/** The eval points and labels of a plan (fixed by its data node's params: fetched once per plan). */
interface Sample {
  readonly plan: ExecutionPlan;
  readonly points: Float32Array;
  readonly labels: Int32Array | undefined;
  readonly box: Box;
}

/** Scratch canvases and pixels, reused between paints. */
interface Scratch {
  readonly grid: HTMLCanvasElement;
  readonly img: ImageData;
}

function paint(canvas: HTMLCanvasElement, scratch: Scratch, probs: Float32Array, sample: Sample): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { img } = scratch;
  for (let i = 0; i < GRID * GRID; i++) {
    const p = probs[i] ?? 0.5;
    img.data[4 * i] = Math.round(255 * (1 - p * 0.6));
    img.data[4 * i + 1] = Math.round(200 + 30 * Math.abs(p - 0.5));
    img.data[4 * i + 2] = Math.round(255 * (0.4 + 0.6 * p));
    img.data[4 * i + 3] = 255;
  }
  scratch.grid.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch.grid, 0, 0, SIZE, SIZE);
  const { points, labels, box } = sample;
  // One fill colour at a time: switching fillStyle per point is what costs.
  for (const cls of [0, 1]) {
    ctx.fillStyle = cls === 1 ? '#1d4ed8' : '#b91c1c';
    for (let i = 0; i + 1 < points.length; i += 2) {
      if ((labels?.[i / 2] === 1 ? 1 : 0) !== cls) continue;
      const x = ((points[i]! - box.minX) / (box.maxX - box.minX)) * SIZE;
      const y = ((box.maxY - points[i + 1]!) / (box.maxY - box.minY)) * SIZE;
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
  }
}

/**
 * The decision boundary of the loaded weights, or nothing for graphs it does not fit. Per
 * evaluation: one inference of the grid in the worker (the eval points are fetched once per
 * plan) and one paint, in an animation frame of its own (shared with the charts' queue, so it
 * never lands in the same task as a chart redraw).
 */
export const DecisionBoundary = memo(function DecisionBoundary({ session, loadedGraphHash, phase, evalCount }: DecisionBoundaryProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | undefined>();
  const sample = useRef<Sample | undefined>(undefined);
  const scratch = useRef<Scratch | undefined>(undefined);
  const owner = useRef({});
  const plan = session.plan();
  const task = useMemo(() => (plan && loadedGraphHash === plan.graphHash ? findBoundaryTask(plan) : undefined), [plan, loadedGraphHash]);
  const trigger = `${loadedGraphHash ?? ''}/${phase}/${evalCount}`;
  useEffect(() => {
    if (!task || !plan) return;
    let cancelled = false;
    const frameOwner = owner.current;
    void (async () => {
      try {
        let s = sample.current;
        if (s?.plan !== plan) {
          const out = await session.infer({}, [`${task.dataNode}:${task.pointPort}`, ...(task.labelPort ? [`${task.dataNode}:${task.labelPort}`] : [])]);
          const points = new Float32Array(out[`${task.dataNode}:${task.pointPort}`]!.data);
          const labelT = task.labelPort ? out[`${task.dataNode}:${task.labelPort}`] : undefined;
          s = { plan, points, labels: labelT?.dtype === 'int32' ? new Int32Array(labelT.data) : undefined, box: boundsOf(points) };
          sample.current = s;
        }
        const ready = s;
        const out = await session.infer({ [task.dataNode]: { [task.pointPort]: gridTensor(ready.box, GRID) } }, [task.logitsKey]);
        const probs = classOneProbability(new Float32Array(out[task.logitsKey]!.data), task.classes);
        if (cancelled) return;
        chartFrames.schedule(frameOwner, () => {
          const el = canvas.current;
          if (cancelled || !el) return;
          if (!scratch.current) {
            const grid = document.createElement('canvas');
            grid.width = GRID;
            grid.height = GRID;
            scratch.current = { grid, img: new ImageData(GRID, GRID) };
          }
          paint(el, scratch.current, probs, ready);
          el.dataset.painted = String(Number(el.dataset.painted ?? '0') + 1);
          setError(undefined);
        });
      } catch (e) {
        if (!cancelled) setError(errorMessage(e));
      }
    })();
    return () => {
      cancelled = true;
      chartFrames.cancel(frameOwner);
    };
  }, [session, plan, task, trigger]);
  if (!task) return null;
  return (
    <figure className="nw-run-boundary">
      <canvas ref={canvas} width={SIZE} height={SIZE} data-testid="run-boundary" />
      <figcaption>{error ? `Predictions unavailable: ${error}` : 'Decision boundary (eval points on top)'}</figcaption>
    </figure>
  );
});
