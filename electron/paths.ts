import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json and build/ are), from this file's location. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const rendererDir = path.join(projectRoot, 'build', 'renderer');

/**
 * Where browser mode keeps its database unless told otherwise: the per-user data folder of the
 * platform (the Electron app uses its own userData folder).
 */
export function defaultDataDir(): string {
  if (process.env.TL_DATA_DIR) return process.env.TL_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'township-ledger');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'township-ledger');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'township-ledger');
}

export function defaultDbFile(): string {
  return process.env.TL_DB ?? path.join(defaultDataDir(), 'ledger.db');
}
