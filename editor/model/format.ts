/** Number and value formatting shared by nodes, inspector and summary. */
import { formatShape, type ParamValue, type PortValue } from '../../runtime/sdk/index.ts';

/** Compact count: 950, 12.3k, 4.56M, 1.2G. */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const v = n / size;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${suffix}`;
    }
  }
  return String(n);
}

/** A param value as short text. */
export function formatParamValue(v: ParamValue | undefined): string {
  if (v === undefined) return '—';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return String(v);
}

/** A port value as text: a shape like `[?, 8]`, or the port kind. */
export function formatPortValue(v: PortValue | undefined): string {
  if (!v) return '?';
  if (v.kind === 'tensor') return v.dtype === 'float32' ? formatShape(v.shape) : `${formatShape(v.shape)} ${v.dtype}`;
  return v.kind;
}
