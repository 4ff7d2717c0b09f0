/**
 * "Try it" for a trained image classifier: draw on a small canvas with the mouse (white on black,
 * as the digits are) or drop an image file on it; the image is prepared as the image-dataset node
 * prepares its training images and classified in the engine worker; the class probabilities show
 * as bars.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { RunSession } from '../run/runSession.ts';
import { imageExample, softmax, type ImageTask } from './tryTask.ts';

/** Props of {@link TryImage}. */
export interface TryImageProps {
  readonly session: RunSession;
  readonly enabled: boolean;
  readonly task: ImageTask;
}

const SIZE = 160;
const PEN = 16;

function clear(canvas: HTMLCanvasElement): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, SIZE, SIZE);
}

/** The image classifier panel of "Try it". */
export function TryImage({ session, enabled, task }: TryImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | undefined>(undefined);
  const [probs, setProbs] = useState<number[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (canvas.current) clear(canvas.current);
  }, []);
  const classify = (): void => {
    const c = canvas.current;
    const ctx = c?.getContext('2d', { willReadFrequently: true });
    if (!c || !ctx) return;
    const pixels = ctx.getImageData(0, 0, SIZE, SIZE).data;
    const x = imageExample(pixels, SIZE, SIZE, task);
    const shape = [1, task.height, task.width, task.channels === 'rgb' ? 3 : 1];
    session
      .infer({ [task.dataNode]: { x: { shape, dtype: 'float32', data: x.buffer } } }, [task.logitsKey])
      .then((out) => {
        const logits = out[task.logitsKey];
        if (!logits) throw new Error(`the model produced no ${task.logitsKey}`);
        setProbs(softmax(new Float32Array(logits.data)));
        setError(undefined);
      })
      .catch((e: unknown) => {
        setError(errorMessage(e));
      });
  };
  const point = (e: React.PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }): void => {
    const ctx = canvas.current?.getContext('2d');
    const from = drawing.current ?? to;
    if (!ctx) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    drawing.current = to;
  };
  const drop = (file: File | undefined): void => {
    if (!file) return;
    createImageBitmap(file)
      .then((bitmap) => {
        const ctx = canvas.current?.getContext('2d');
        if (!ctx) return;
        clear(canvas.current!);
        ctx.drawImage(bitmap, 0, 0, SIZE, SIZE);
        bitmap.close();
        classify();
      })
      .catch(() => {
        setError(`"${file.name}" is not an image this browser can decode (PNG, JPEG, GIF, WebP or BMP)`);
      });
  };
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  return (
    <div className="nw-try-image" data-testid="try-image">
      <div>
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className="nw-try-canvas"
          data-testid="try-canvas"
          aria-label={`Draw here (or drop an image): it is resized to ${task.width}×${task.height} and classified`}
          onPointerDown={(e) => {
            if (!enabled) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            drawing.current = undefined;
            stroke(point(e));
          }}
          onPointerMove={(e) => {
            if (drawing.current) stroke(point(e));
          }}
          onPointerUp={() => {
            if (!drawing.current) return;
            drawing.current = undefined;
            classify();
          }}
          onDragOver={(e) => { e.preventDefault(); }}
          onDrop={(e) => {
            e.preventDefault();
            if (enabled) drop(e.dataTransfer.files[0]);
          }}
        />
        <button
          type="button"
          data-testid="try-clear"
          onClick={() => {
            if (canvas.current) clear(canvas.current);
            setProbs(undefined);
          }}
        >
          Clear
        </button>
      </div>
      {error && (
        <p className="nw-try-error" role="alert" data-testid="try-error">
          {error}
        </p>
      )}
      {probs && (
        <ol className="nw-try-bars" data-testid="try-probabilities" aria-label="Class probabilities">
          {probs.map((p, c) => (
            <li key={c} data-testid={`try-class-${c}`} data-probability={p.toFixed(4)} className={c === best ? 'nw-try-best' : undefined}>
              <span className="nw-try-class">{c}</span>
              <span className="nw-try-bar" style={{ width: `${(p * 100).toFixed(1)}%` }} />
              <span className="nw-try-value">{(p * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
