import fs from 'node:fs';
import path from 'node:path';

/** Flushes a file's contents to the medium (a USB stick may otherwise hold them in its cache). */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename in `dir` durable. Windows cannot open directories; its rename is durable enough there. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `data` under a temporary name beside `file`, flushes it, then renames it into place:
 * a reader sees the old file or the whole new one, never half of it. The temporary is removed
 * when anything fails, and the error is rethrown for the caller to word.
 */
export function writeFileDurably(file: string, data: string | Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * `name` if no file of that name is in `dir`, else the first of `stem-2.ext`, `stem-3.ext`… that
 * is free: a writer into a shared folder (the USB stick two PCs of one township carry to the
 * district) never replaces a file another wrote there.
 */
export function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let free = name;
  for (let n = 2; fs.existsSync(path.join(dir, free)); n++) free = `${stem}-${n}${ext}`;
  return free;
}
