import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runBrowserMode } from './host/browser';
import { projectRoot } from './paths';

/**
 * `npm start`: the Electron window when Electron's binary is installed, otherwise browser mode.
 * The binary is looked up on disk (node_modules/electron/path.txt + dist/), never through
 * require('electron'), which would try to download it.
 */
function electronBinary(): string | null {
  const dir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

async function main(): Promise<void> {
  const bin = electronBinary();
  const args = process.argv.slice(2);
  if (bin && !args.includes('--browser')) {
    // electron/launch.mjs (npm start) has built build/electron/ if its sources changed.
    console.log('启动方式：桌面窗口（Electron）');
    const child = spawn(bin, [projectRoot, ...args], { stdio: 'inherit' });
    child.on('exit', (c) => process.exit(c ?? 0));
    return;
  }
  console.log('启动方式：浏览器模式（本机未安装 Electron 程序文件，或指定了 --browser）');
  await runBrowserMode(args.filter((a) => a !== '--browser'));
}

main().catch((err: Error) => {
  console.error(`无法启动：${err.message}`);
  process.exit(1);
});
