import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(root, 'electron/cli.ts');

/**
 * The node arguments that start the real CLI: the unit project's one-time build of electron/cli.ts
 * (tests/helpers/cliBundle.ts; the same sources, without compiling them again in every child,
 * which cost seconds of CPU per run), else the sources through tsx as `npm run -s cli` does.
 */
export function cliArgv(...args: string[]): string[] {
  const bundle = process.env.TL_CLI_BUNDLE;
  return bundle && fs.existsSync(bundle) ? [bundle, ...args] : ['--import', 'tsx', SOURCE, ...args];
}

/** Always the sources through tsx, exactly as `npm run -s cli -- ...` starts it. */
export function cliSourceArgv(...args: string[]): string[] {
  return ['--import', 'tsx', SOURCE, ...args];
}

function run(argv: string[], env?: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', timeout: 60_000, env: env ?? process.env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the real CLI in a child process, as `npm run -s cli -- ...` would. */
export function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  return run(cliArgv(...args));
}

/** As cli, with extra environment variables (e.g. TL_PASSPHRASE). */
export function cliWithEnv(env: Record<string, string>, ...args: string[]): { code: number; stdout: string; stderr: string } {
  return run(cliArgv(...args), { ...process.env, ...env });
}

/** As cli, but from the TypeScript sources through tsx whatever the project built. */
export function cliFromSource(...args: string[]): { code: number; stdout: string; stderr: string } {
  return run(cliSourceArgv(...args));
}
