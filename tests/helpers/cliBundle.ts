import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/**
 * Global setup of the unit project: builds electron/cli.ts once per run into one ES module that
 * the CLI tests start in their child processes (see cliArgv in tests/helpers/cli.ts). Starting the
 * sources through tsx compiles and resolves them again in every child: about 1.5 s of CPU each, and
 * the suite starts the CLI over a hundred times. Packages stay in node_modules, as under tsx.
 *
 * The file sits directly in build/ (one level below the root, like electron/paths.ts), so the
 * paths the CLI derives from its own location come out the same; one per run (by pid), so two
 * runs in one worktree never replace each other's file.
 */
export default async function setup(): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const file = path.join(root, 'build', `cli-test-${process.pid}.mjs`);
  const tmpDir = path.join(root, 'build', `.cli-test-${process.pid}`);
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: path.join(root, 'electron/cli.ts'),
      outDir: tmpDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'cli.mjs', codeSplitting: false } },
    },
  });
  fs.renameSync(path.join(tmpDir, 'cli.mjs'), file);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  process.env.TL_CLI_BUNDLE = file;
  return () => fs.rmSync(file, { force: true });
}
