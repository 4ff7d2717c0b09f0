/**
 * Standalone plugin modules: the only form a host pins and runs. A module whose text still
 * imports other modules cannot run from a copy of its own bytes (its imports would be fetched
 * at run time, unchecked), so hosts bundle it first (`netwright plugin bundle`, or the dev
 * server's bundler at {@link PLUGIN_BUNDLE_ENDPOINT}) and pin the bundle.
 */

/** Where the editor's dev server answers `?path=/dir/index.ts` with a module's standalone bundle. */
export const PLUGIN_BUNDLE_ENDPOINT = '/__netwright/plugin-bundle';

/** A static `import … from`, side-effect `import '…'` or `export … from` at the start of a line. */
const STATIC_IMPORT = /^[ \t]*(?:import[ \t]*(?:[\w$*{][^;]*?from[ \t]*)?["']([^"']+)["']|export[ \t]*(?:\*|\{[^}]*\})[^;]*?from[ \t]*["']([^"']+)["'])/m;

/**
 * The first module a module's text imports statically (`./spec.ts`, `/runtime/sdk/index.ts`),
 * or `undefined` for a standalone module. Comments are not parsed: a line that starts with
 * `import` inside a block comment counts, which only errs on the side of bundling.
 */
export function firstImport(code: string): string | undefined {
  const m = STATIC_IMPORT.exec(code);
  return m ? (m[1] ?? m[2]) : undefined;
}
