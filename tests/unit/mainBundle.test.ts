import { execFileSync } from 'node:child_process';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { desktopHostSuite, electronStandIn } from '../helpers/electronStandIn';

/**
 * The shipped main process: build/electron/main.cjs, built here exactly as `npm run build`
 * does and required by plain Node with 'electron' answered by the stand-in. This is the file an
 * installer carries, so bundling mistakes (a dependency left out, an ESM-only construct in the
 * CommonJS output) fail here rather than on a clerk's PC.
 */

const repo = path.resolve(__dirname, '../..');
const standIn = electronStandIn();

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

desktopHostSuite('build/electron/main.cjs', standIn, async () => {
  execFileSync(process.execPath, [path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.electron.config.ts', '--logLevel', 'warn'], { cwd: repo, stdio: 'pipe' });
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? standIn.electron : original.call(this, request, parent, isMain);
  };
  try {
    createRequire(import.meta.url)(path.join(repo, 'build', 'electron', 'main.cjs'));
  } finally {
    loader._load = original;
  }
});
