/**
 * What to do about a missing plugin, said the same way by every command: a diagnostic about a
 * node whose plugin is not installed gets the `--plugin MODULE` hint appended.
 */
import type { Diagnostic } from '../runtime/sdk/errors.ts';

/** Diagnostic codes that mean "a plugin this graph uses is not loaded". */
export const MISSING_PLUGIN_CODES: readonly string[] = ['FILE_UNKNOWN_PLUGIN', 'COMPILE_MISSING_PLUGINS', 'INFER_PLACEHOLDER', 'CLI_MISSING_PLUGINS', 'ENGINE_NO_LOWERING'];

/** The hint every "plugin missing" message ends with. */
export const PLUGIN_HINT = "load the plugin's module with --plugin MODULE (a file, or a folder with index.ts)";

/** `d`, with {@link PLUGIN_HINT} appended when it is about a missing plugin. */
export function withPluginHint(d: Diagnostic): Diagnostic {
  if (!MISSING_PLUGIN_CODES.includes(d.code) || d.message.includes('--plugin')) return d;
  // The compiler's own advice ("Install them, or remove those nodes") is the editor's; the CLI's is the flag.
  const base = d.message.replace(/\.\s*Install them, or remove those nodes\.?\s*$/, '').replace(/\.?\s*$/, '');
  return { ...d, message: `${base}; ${PLUGIN_HINT}` };
}
