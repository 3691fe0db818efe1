import { parseArgs } from 'node:util';
import { openApp } from '../startup';
import { defaultDbFile, rendererDir } from '../paths';
import { startHost } from './server';
import { startupBackup } from '../services/backup';

/**
 * Browser mode entry: `tsx electron/host/browser.ts [--db FILE] [--port N]`. Prints the address
 * with its token; the process serves until interrupted, then checkpoints and closes the store.
 */
export async function runBrowserMode(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true });
  const dbFile = values.db ?? defaultDbFile();
  const core = await openApp(dbFile, { instance: 'browser' });
  const host = await startHost({ core, staticDir: rendererDir, port: values.port ? Number(values.port) : 0 });
  // In the background: the clerk can start working while the copy is made and checked (the check
  // runs in a worker thread). Stopping cancels it rather than waiting for a district-sized copy.
  const startup = new AbortController();
  let backup: Promise<unknown> = Promise.resolve();
  const stop = () => {
    startup.abort();
    // A backup still waiting for the start-up check has copied nothing: closing the core stops the
    // check (a 2 GB file takes half a minute) instead of waiting for it to end.
    const copying = core.checking ? undefined : backup;
    void Promise.all([host.close(), copying]).then(() => {
      core.close();
      process.exit(0);
    });
  };
  // Before the address is printed: a stop as soon as it appears still closes the store and
  // releases the file's instance claim.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`数据文件：${dbFile}`);
  console.log(`请在浏览器中打开（地址含访问令牌，请勿外传）：`);
  console.log(host.openUrl);
  // The start-up check runs in the background (openApp): damage may be found after the address.
  const sayIfDamaged = () => {
    if (core.damaged) console.log('数据库文件已损坏：请在浏览器中打开上面的地址，从备份恢复。');
  };
  if (core.checking) void core.checked().then(sayIfDamaged);
  else sayIfDamaged();
  backup = startupBackup(core, startup.signal).catch((err: Error & { code?: string }) => {
    if (err.code === 'backup_aborted') console.log('已取消本次启动时的自动备份（程序退出）。');
    else console.error(`自动备份失败：${err.message}`);
  });
}

if (process.argv[1] && /host[\\/]browser\.ts$/.test(process.argv[1])) {
  runBrowserMode(process.argv.slice(2)).catch((err: Error) => {
    console.error(`无法启动：${err.message}`);
    process.exit(1);
  });
}
