import { describe, expect, it } from 'vitest';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { errorLine, formatDiagnostic } from './io.ts';
import { MISSING_PLUGIN_CODES } from './pluginHint.ts';

describe('the --plugin MODULE hint', () => {
  it('ends every line about a missing plugin or lowering, once, and no other line', () => {
    for (const code of MISSING_PLUGIN_CODES) {
      const line = formatDiagnostic('g.graph.json', { code, severity: 'error', message: 'plugin "acme.x" is not installed.', node: 'n1' });
      expect(line, code).toBe(`g.graph.json: n1: plugin "acme.x" is not installed; load the plugin's module with --plugin MODULE (a file, or a folder with index.ts)`);
    }
    const already = formatDiagnostic('g', { code: 'FILE_UNKNOWN_PLUGIN', severity: 'warning', message: 'load it with --plugin MODULE' });
    expect(already.match(/--plugin/g)).toHaveLength(1);
    expect(formatDiagnostic('g', { code: 'CLI_READ', severity: 'error', message: 'cannot read the file: no such file' })).toBe('g: cannot read the file: no such file');
    const engine = new NetwrightError('ENGINE_NO_LOWERING', 'node "n" (acme.x): no lowering is registered for plugin "acme.x"', { node: 'n' });
    expect(errorLine('netwright train', engine)).toMatch(/no lowering is registered for plugin "acme\.x"; load the plugin's module with --plugin MODULE/);
    const compile = formatDiagnostic('g', { code: 'COMPILE_MISSING_PLUGINS', severity: 'error', message: 'cannot run this graph: these plugins are not installed: "acme.x" (node "n"). Install them, or remove those nodes' });
    expect(compile).toBe(`g: cannot run this graph: these plugins are not installed: "acme.x" (node "n"); load the plugin's module with --plugin MODULE (a file, or a folder with index.ts)`);
  });
});
