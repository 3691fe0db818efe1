import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/**
 * Global setup of the unit project: builds electron/cli.ts (and the fault tests' child,
 * tests/helpers/faultChild.ts, the concurrency tests' children and the bench's sync child) once per run into one ES module each, which the tests start in
 * their child processes (see cliArgv in tests/helpers/cli.ts). Starting the sources through tsx
 * compiles and resolves them again in every child: about 1.5 s of CPU each, and the suite starts
 * them over a hundred times. Packages stay in node_modules, as under tsx, but for zod (see below).
 *
 * The files sit directly in build/ (one level below the root, like electron/paths.ts), so the
 * paths the code derives from its own location come out the same; one per run (by pid), so two
 * runs in one worktree never replace each other's files. Each path is handed to the workers in
 * an environment variable; without it the helpers fall back to tsx.
 */
const ENTRIES = [
  { env: 'TL_CLI_BUNDLE', source: 'electron/cli.ts', name: 'cli-test', stageWorker: true },
  { env: 'TL_FAULT_CHILD_BUNDLE', source: 'tests/helpers/faultChild.ts', name: 'fault-child-test' },
  // The concurrency tests' app side and browser mode (tests/unit/concurrency.test.ts).
  { env: 'TL_CONC_CHILD_BUNDLE', source: 'tests/helpers/concChild.ts', name: 'conc-child-test' },
  // `npm start`'s core (build/start.mjs), which with --browser is browser mode.
  { env: 'TL_START_BUNDLE', source: 'electron/start.ts', name: 'start-test' },
  // The bench's sync children (tests/bench/syncChild.ts): bench.test.ts runs the bench twice, each
  // starting seven of them, and through tsx each compiled the sync code again (some 0.7 s of CPU).
  { env: 'TL_BENCH_CHILD_BUNDLE', source: 'tests/bench/syncChild.ts', name: 'bench-child-test', stageWorker: true },
];

/** `source` with everything it imports bundled into the ES module `file`. */
async function bundle(root: string, source: string, file: string): Promise<void> {
  const tmpDir = `${path.join(path.dirname(file), '.' + path.basename(file))}.d`;
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    // zod bundled in, as npm start's build/start.mjs has it (electron/launch.mjs): from
    // node_modules it is some 80 ES modules resolved at every start, and the suite starts
    // these children over a hundred times (about 20% of a CLI child's start-up CPU).
    ssr: { noExternal: ['zod'] },
    build: {
      ssr: path.join(root, source),
      outDir: tmpDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'entry.mjs', codeSplitting: false } },
    },
  });
  fs.renameSync(path.join(tmpDir, 'entry.mjs'), file);
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

export default async function setup(): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const files: string[] = [];
  for (const { env, source, name, stageWorker } of ENTRIES) {
    const file = path.join(root, 'build', `${name}-${process.pid}.mjs`);
    await bundle(root, source, file);
    files.push(file);
    // A multi-file import's staging worker, found beside the bundle (electron/sync/prefetch.ts).
    if (stageWorker) {
      const worker = file.replace(/\.mjs$/, '.stage-worker.mjs');
      await bundle(root, 'electron/sync/stageWorker.ts', worker);
      files.push(worker);
    }
    process.env[env] = file;
  }
  return () => {
    for (const f of files) fs.rmSync(f, { force: true });
  };
}
