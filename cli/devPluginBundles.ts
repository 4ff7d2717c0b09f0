/**
 * The dev server's plugin bundler (a Vite plugin, `serve` only): `GET
 * /__netwright/plugin-bundle?path=/my-plugins/acme.x/index.ts` answers the standalone factory
 * code of a TypeScript plugin module the dev server serves (cli/bundlePlugin.ts, esbuild), as
 * JSON `{ code, sha256, inputs }`, or `{ error }` with status 422 naming the file and line.
 * The editor installs a module with imports from this bundle (it pins the bundle's bytes, never
 * the module's URL) and, in develop mode, asks again to pick up every save. Only files inside
 * the served root are bundled; the production build has no such endpoint.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { sha256Hex } from '../runtime/compile/hash.ts';
import { PLUGIN_BUNDLE_ENDPOINT } from '../runtime/host/standalone.ts';
import { errorMessage } from '../runtime/sdk/errors.ts';

/** The Vite plugin serving {@link PLUGIN_BUNDLE_ENDPOINT} from the files under `root`. */
export function pluginBundleServer(root: string): Plugin {
  return {
    name: 'netwright-plugin-bundles',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(PLUGIN_BUNDLE_ENDPOINT, (req, res) => {
        const send = (status: number, body: unknown): void => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.setHeader('cache-control', 'no-store');
          res.end(JSON.stringify(body));
        };
        const path = new URL(req.url ?? '', 'http://localhost').searchParams.get('path') ?? '';
        const file = resolve(join(root, decodeURIComponent(path).replace(/^\/+/, '')));
        const rel = relative(root, file);
        if (path === '' || rel.startsWith('..') || isAbsolute(rel) || !existsSync(file)) {
          send(404, { error: `${path || '(no path)'}: no such module under the dev server's root` });
          return;
        }
        import('./bundlePlugin.ts')
          .then(({ buildPluginFactory }) => buildPluginFactory(file))
          .then(({ code, inputs }) => {
            send(200, { code, sha256: sha256Hex(code), inputs });
          })
          .catch((e: unknown) => {
            send(422, { error: `${path} could not be bundled: ${errorMessage(e)}` });
          });
      });
    },
  };
}
