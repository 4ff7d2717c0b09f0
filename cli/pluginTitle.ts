/**
 * The title a scaffolded plugin gets from the last segment of its id: words split at case
 * changes and hyphens, the first capitalised, the rest lower-case, and common abbreviations
 * kept in capitals (`rmsNorm` -> "RMS norm", `my-glu-layer` -> "My GLU layer").
 */

/** Abbreviations written in capitals (or their usual mixed case) wherever they appear. */
const ABBREVIATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  ['RMS', 'GLU', 'MLP', 'LSTM', 'GRU', 'RNN', 'CNN', 'SSM', 'FFN', 'KV', 'QKV', 'MoE', 'LoRA', 'ReLU', 'GELU', 'SiLU', 'ELU', 'PReLU', 'SwiGLU', 'GLA', 'LSSL', 'RoPE', 'FFT', 'PCA', 'STE', 'IO', 'ID', 'XOR', 'AND', 'OR', 'LR'].map((a) => [a.toLowerCase(), a]),
);

/** The words of an id segment: `rmsNorm2d` -> rms, norm2d; `myGLULayer` -> my, GLU, layer. */
function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s-]+/)
    .filter((w) => w !== '');
}

/** A human title for an id segment (see the file comment). */
export function titleFromSegment(segment: string): string {
  const out = words(segment).map((w, i) => {
    const abbreviation = ABBREVIATIONS[w.toLowerCase()];
    if (abbreviation !== undefined) return abbreviation;
    const lower = w.toLowerCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return out.join(' ');
}
