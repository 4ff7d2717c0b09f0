/**
 * The JSON tokens both of our scanners read (`boundedJson.ts`, which bounds the work of every
 * load, and `parseJson.ts`, which finds where a syntax error is): one definition of a JSON
 * number, a JSON string and the white space between tokens.
 */

/** A JSON number; sticky (`y`), so it matches only at `lastIndex` (see {@link matchAt}). */
export const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A JSON string with its quotes; sticky (`y`), so it matches only at `lastIndex`. JSON forbids
 * raw control characters inside strings, so the pattern has to name them.
 */
// eslint-disable-next-line no-control-regex
export const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The end of the token `re` (a sticky pattern) matches at `at` in `text`, or -1 when it does not match there. */
export function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

/** The first offset at or after `at` that is not JSON white space (space, tab, line feed, carriage return). */
export function skipSpace(text: string, at: number): number {
  let i = at;
  for (;;) {
    // Past the end charCodeAt gives NaN, which is no white space: the loop ends at text.length.
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}
