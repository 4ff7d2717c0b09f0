/**
 * One cap on listed diagnostics, the loader's: at most {@link MAX_REPORTED_ERRORS} are listed and
 * the rest counted in one last line, so a graph of 20,000 unconnected nodes prints about a
 * hundred lines, not twenty thousand.
 */
import { MAX_REPORTED_ERRORS } from '../file/limits.ts';
import type { Diagnostic } from '../sdk/errors.ts';

/**
 * The first {@link MAX_REPORTED_ERRORS} diagnostics, plus one `COMPILE_MORE_ERRORS` line that
 * counts the rest (by code, most frequent first) when there are more.
 */
export function capDiagnostics(list: readonly Diagnostic[]): readonly Diagnostic[] {
  if (list.length <= MAX_REPORTED_ERRORS) return list;
  const rest = list.slice(MAX_REPORTED_ERRORS);
  const byCode = new Map<string, number>();
  for (const d of rest) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const counts = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${n.toLocaleString('en-US')} ${code}`)
    .join(', ');
  const more: Diagnostic = {
    code: 'COMPILE_MORE_ERRORS',
    severity: 'error',
    message: `... and ${rest.length.toLocaleString('en-US')} more (${counts}); fix the first ones and check again`,
  };
  return [...list.slice(0, MAX_REPORTED_ERRORS), more];
}
