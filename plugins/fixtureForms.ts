/**
 * The implementation forms in which every fixture of a plugin must pass: overrides of the
 * implementation-only params (fixtures never set them, so every choice must give the same
 * numbers). Shared by the Node fixture tests and the every-backend browser suite. Plugins not
 * listed run in their defaults only.
 */

/** Param overrides naming one implementation form. */
export type FixtureForm = Readonly<Record<string, string | number>>;

const FORMS: Readonly<Record<string, readonly FixtureForm[]>> = {
  gla: [
    { mode: 'recurrent' },
    { mode: 'parallel' },
    { mode: 'chunk' }, // defaults: C = 64, c = 16
    { mode: 'chunk', chunkSize: 16, subChunkSize: 4 },
    { mode: 'chunk', chunkSize: 8, subChunkSize: 8 },
    { mode: 'chunk', chunkSize: 12, subChunkSize: 4 },
    { mode: 'chunk', chunkSize: 4, subChunkSize: 2 },
  ],
  lssl: [
    { mode: 'recurrent' },
    { mode: 'conv' }, // convImpl auto: direct at these lengths
    { mode: 'conv', convImpl: 'direct' },
    { mode: 'conv', convImpl: 'fft' },
  ],
};

/** The forms of a plugin id; `[{}]` (its defaults) when it has only one. */
export function fixtureFormsOf(pluginId: string): readonly FixtureForm[] {
  return FORMS[pluginId] ?? [{}];
}
