/**
 * What to do about a missing plugin, said the same way by every command: a diagnostic about a
 * node whose plugin is not installed gets the `--plugin MODULE` hint appended.
 */
import type { Diagnostic } from '../runtime/sdk/errors.ts';

/** Diagnostic codes that mean "a plugin this graph uses is not loaded". */
export const MISSING_PLUGIN_CODES: readonly string[] = ['FILE_UNKNOWN_PLUGIN', 'COMPILE_MISSING_PLUGINS', 'INFER_PLACEHOLDER', 'CLI_MISSING_PLUGINS', 'ENGINE_NO_LOWERING'];

/** The hint every "plugin missing" message ends with. */
export const PLUGIN_HINT = 'load the module that provides it with --plugin MODULE (a file, or a folder with index.ts)';

/** `d`, with {@link PLUGIN_HINT} appended when it is about a missing plugin. */
export function withPluginHint(d: Diagnostic): Diagnostic {
  if (!MISSING_PLUGIN_CODES.includes(d.code) || d.message.includes('--plugin')) return d;
  return { ...d, message: `${d.message.replace(/\.?\s*$/, '')}; ${PLUGIN_HINT}` };
}
