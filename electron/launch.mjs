/* global process, console */
/**
 * `npm start`: runs the app as built JavaScript with plain Node, no TypeScript loader at run time.
 * Before that it rebuilds only what is older than its sources: the renderer (build/renderer) and
 * the core's bundle (build/start.mjs, electron/start.ts with everything it imports; packages stay
 * in node_modules). When nothing changed, nothing is built and the app starts at once.
 *
 * Plain JavaScript on purpose: it is what runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => path.join(root, p);

/** What each output is built from (a file or a whole folder). */
export const OUTPUTS = {
  renderer: { file: 'build/renderer/index.html', from: ['renderer', 'electron/domain', 'electron/api', 'vite.config.ts', 'package.json'] },
  // build/ itself, so the bundle's own location gives electron/paths.ts the project root (its parent).
  core: { file: 'build/start.mjs', from: ['electron', 'db', 'package.json'] },
  // The desktop window's main process and preload (vite.electron.config.ts), when Electron is installed.
  electron: { file: 'build/electron/main.cjs', from: ['electron', 'db', 'package.json', 'vite.electron.config.ts'] },
};

/** The newest modification time under `p` (0 when it does not exist). */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) if (e.name !== 'node_modules') max = Math.max(max, newest(path.join(p, e.name)));
  return max;
}

/** True when the output is missing or older than any of its sources. */
export function outdated(name) {
  const o = OUTPUTS[name];
  const built = newest(at(o.file));
  return built === 0 || o.from.some((src) => newest(at(src)) > built);
}

/**
 * Always React's production build: vite takes NODE_ENV from the environment when it is set, and
 * a parent that sets it (vitest sets 'test') got the development build (jsxDEV, 913 KB instead
 * of 684 KB of entry script, slower renders), which later starts then reused as up to date.
 */
const PRODUCTION = { ...process.env, NODE_ENV: 'production' };

function buildRenderer() {
  const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: PRODUCTION });
  if (r.status !== 0) throw new Error('界面构建失败（vite build）');
}

async function buildCore() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    // zod bundled in: loaded from node_modules it is some 80 ES modules (every locale included)
    // resolved and compiled at each start; bundled, only what the schemas use is compiled.
    ssr: { noExternal: ['zod'] },
    build: {
      ssr: at('electron/start.ts'),
      outDir: at('build'),
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'start.mjs', codeSplitting: false } },
    },
  });
}

function buildElectron() {
  const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.electron.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: PRODUCTION });
  if (r.status !== 0) throw new Error('桌面程序构建失败（vite build）');
}

/** As electron/start.ts looks for it: the binary on disk, never require('electron') (it would download). */
function electronInstalled() {
  try {
    return fs.existsSync(at(path.join('node_modules/electron/dist', fs.readFileSync(at('node_modules/electron/path.txt'), 'utf8').trim())));
  } catch {
    return false;
  }
}

export async function ensureBuilt() {
  const desktop = electronInstalled() && !process.argv.includes('--browser');
  if (desktop && outdated('electron')) {
    console.log('正在构建桌面程序（源文件有改动）…');
    buildElectron();
  }
  if (outdated('renderer')) {
    console.log('正在构建界面（源文件有改动）…');
    buildRenderer();
  }
  if (outdated('core')) {
    console.log('正在构建程序（源文件有改动）…');
    await buildCore();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await ensureBuilt();
  } catch (err) {
    console.error(`无法启动：${err.message}`);
    process.exit(1);
  }
  await import(pathToFileURL(at(OUTPUTS.core.file)).href);
}
