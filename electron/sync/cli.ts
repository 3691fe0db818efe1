import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../../db/errors';
import { need, parse, UsageError, withCore } from '../cliArgs';
import { exportBundle } from './export';
import { readEnvelope, type AnyHeader, type Envelope } from './format';
import { applyStaged, recordRefusal, stageBundle } from './import';
import { importEach } from './importMany';
import { createDistrictKeys, districtFingerprint, openDistrictKeys } from './keys';
import { importReceipt, writeReceipt } from './receipt';
import { confirmDistrictKey, setDistrictPublic } from './state';
import { exportVillage, importVillageBundles, importVillageReceiptCli } from './villageCli';
import { MAX_RECEIPT_FILE } from './villageReceipt';

/** Sync commands of the CLI. Exit codes: 0 done, 3 a bundle refused, 2 bad usage, 1 other failure. */

export const SYNC_USAGE = `  keys --out DIR --code CODE --name NAME          （口令取自环境变量 TL_PASSPHRASE）
  set-district-key --db FILE --key FILE [--fingerprint FP]   （FP：电话核对过的区县公钥指纹；核对后才能导出）
  export --db FILE --out DIR [--full]           （驻村版：写出交乡镇的同步文件，无 --full）
  inspect BUNDLE --json
  import --db FILE --key FILE [--receipts DIR] [--accept-new-installation FP]... BUNDLE...
                                                   （FP：已电话核对的乡镇新电脑密钥指纹）
  import --db TOWNSHIP_DB [--receipts DIR] [--accept-new-installation FP]... BUNDLE...
                                                   （乡镇导入驻村版同步文件，无需区县私钥）
  receipt-import --db FILE RECEIPT                 （乡镇导入区县回执；驻村版导入乡镇回执）`;

function passphrase(): string {
  const p = process.env.TL_PASSPHRASE;
  if (!p) throw new UsageError('请在环境变量 TL_PASSPHRASE 中提供区县私钥口令');
  return p;
}

/** A key or receipt file's text; refused unread when larger than any such file can be. */
function readText(file: string, what: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new StoreError('unreadable', `无法读取${what}：${file}`);
  }
  if (size > MAX_RECEIPT_FILE) throw new StoreError('too_large', `${what}过大（${size} 字节，不超过8MB）：${file}`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new StoreError('unreadable', `无法读取${what}：${file}`);
  }
}

async function keys(args: string[]): Promise<void> {
  const v = parse(args, { out: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } });
  const out = need(v, 'out');
  const code = (v.code as string | undefined) ?? '';
  if (!/^\d{6}$/.test(code)) throw new UsageError('--code 应为6位区县区划代码');
  const files = createDistrictKeys(code, (v.name as string | undefined) ?? code, passphrase());
  fs.mkdirSync(out, { recursive: true });
  const secret = path.join(out, 'district.key');
  if (fs.existsSync(secret)) throw new StoreError('exists', `${secret} 已存在，为防止覆盖私钥，未写入任何文件`);
  fs.writeFileSync(path.join(out, 'district.pub'), files.publicFile);
  fs.writeFileSync(secret, files.secretFile, { mode: 0o600 });
  console.log(path.join(out, 'district.pub'));
  console.error(`公钥指纹：${districtFingerprint(JSON.parse(files.publicFile))}`);
}

async function setDistrictKey(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, key: { type: 'string' }, fingerprint: { type: 'string' } });
  const text = readText(need(v, 'key'), '区县公钥文件');
  await withCore(need(v, 'db'), (core) => {
    const r = setDistrictPublic(core, text);
    console.log(`已导入 ${r.name}（${r.code}）的公钥，指纹：${r.fingerprint}`);
    if (typeof v.fingerprint === 'string') {
      confirmDistrictKey(core, v.fingerprint);
      console.log('指纹已核对确认，可以导出同步文件');
    } else console.error('请与区县组织部电话核对以上指纹，再以 --fingerprint 指纹 重新运行本命令确认；确认前不能导出');
  });
}

async function exportCmd(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, out: { type: 'string' }, full: { type: 'boolean' } });
  const out = need(v, 'out');
  await withCore(need(v, 'db'), async (core) => {
    if (core.installation()?.role === 'village') {
      if (v.full) throw new UsageError('驻村版没有完整导出：每次导出都包含乡镇尚未确认的全部记录');
      return exportVillage(core, out);
    }
    const r = await exportBundle(core, { dir: out, full: !!v.full });
    console.log(r.file);
  });
}

async function inspect(args: string[]): Promise<void> {
  const v = parse(args, { json: { type: 'boolean' } }, true);
  if (v._.length !== 1) throw new UsageError('请指定一个同步文件');
  const file = v._[0]!;
  let env: Envelope<AnyHeader>;
  try {
    env = readEnvelope(file);
  } catch (err) {
    // A 驻村版's bundle has its own format value; the same command reads it.
    if ((err as StoreError).code !== 'wrong_kind') throw err;
    env = readEnvelope(file, { kind: 'village' });
  }
  const { crypto: _crypto, ...readable } = env.header;
  console.log(v.json ? JSON.stringify(env.header) : JSON.stringify(readable, null, 2));
}

const normFp = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** Every bundle on the command line gets a result line; a refusal is recorded and the next one goes on. */
async function importCmd(args: string[]): Promise<number> {
  const v = parse(args, { db: { type: 'string' }, key: { type: 'string' }, receipts: { type: 'string' }, 'accept-new-installation': { type: 'string', multiple: true } }, true);
  if (!v._.length) throw new UsageError('请指定至少一个同步文件');
  const accept = (v['accept-new-installation'] ?? []) as unknown as string[];
  const accepted = new Set(accept.map(normFp));
  let refused = false;
  await withCore(need(v, 'db'), async (core) => {
    // A township imports its village laptops' bundles, which need no district key.
    if (core.installation()?.role === 'township') {
      if (v.key) throw new UsageError('乡镇导入驻村版同步文件不需要 --key');
      refused = await importVillageBundles(core, v._, v.receipts as string | undefined, accept);
      return;
    }
    const keys = openDistrictKeys(readText(need(v, 'key'), '区县私钥文件'), passphrase());
    await importEach(core, v._, keys, async (file) => {
      try {
        const staged = await stageBundle(core, file, keys);
        if (staged.pin.kind === 'first') console.error(`首次收到 ${staged.header.township.name}（${staged.header.township.code}）的文件，已登记其签名密钥，指纹：${staged.signerFingerprint}`);
        const confirmNewInstallation = staged.pin.kind === 'new_installation' && accepted.has(normFp(staged.signerFingerprint));
        const summary = applyStaged(core, staged, { confirmNewInstallation });
        const receipt = v.receipts ? writeReceipt(core, keys, staged.header, staged.hash, v.receipts as string) : null;
        console.log(JSON.stringify({ ...summary, preview: staged.preview, receipt }));
      } catch (err) {
        refused = true;
        const reason = recordRefusal(core, file, err);
        console.log(JSON.stringify({ file, result: 'refused', code: reason.code, message: reason.message }));
        console.error(`${path.basename(file)}：${reason.message}`);
      }
    });
  });
  return refused ? 3 : 0;
}

async function receiptImport(args: string[]): Promise<number> {
  const v = parse(args, { db: { type: 'string' } }, true);
  if (v._.length !== 1) throw new UsageError('请指定一个回执文件');
  const text = readText(v._[0]!, '回执文件');
  return withCore(need(v, 'db'), (core) => {
    if (core.installation()?.role === 'village') return importVillageReceiptCli(core, text);
    const r = importReceipt(core, text);
    console.log(r.already ? `第 ${r.bundleSeq} 号同步文件此前已确认` : `区县已确认收到第 ${r.bundleSeq} 号同步文件`);
    return 0;
  });
}

export const SYNC_COMMANDS: Record<string, (args: string[]) => Promise<number | void>> = {
  keys,
  'set-district-key': setDistrictKey,
  export: exportCmd,
  inspect,
  import: importCmd,
  'receipt-import': receiptImport,
};
