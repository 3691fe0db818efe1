import path from 'node:path';
import { StoreError } from '../../db/errors';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { exportVillageBundle } from './villageExport';
import { applyVillageStaged, recordVillageRefusal, stageVillageBundle } from './villageImport';
import { importVillageReceipt, writeVillageReceipt } from './villageReceipt';
import { STALE_RECEIPT } from './villageReceiptWords';

/**
 * The 驻村版 hop in the CLI, chosen by the database's role: at a township `import` takes village
 * bundles (no district key), at a laptop `export` and `receipt-import` speak to the township.
 * Exit codes as for the district: 0 done, 3 refused, 2 bad usage, 1 other failure.
 */

const normFp = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/**
 * Township: every bundle gets a result line (JSON on stdout); a refusal is recorded and the next
 * goes on. As for townships at the district, a laptop seen for the first time is pinned with its
 * fingerprint printed to check by phone; a new laptop of a village that had one needs
 * `--accept-new-installation FP`. Returns whether any was refused.
 */
export async function importVillageBundles(core: Core, files: string[], receipts: string | undefined, accept: string[]): Promise<boolean> {
  const accepted = new Set(accept.map(normFp));
  let refused = false;
  for (const file of files) {
    try {
      const staged = await stageVillageBundle(core, file);
      const first = staged.pin.kind === 'first';
      if (first) console.error(`首次收到${staged.header.village.name}驻村版电脑的文件，已登记其签名密钥，指纹：${staged.signerFingerprint}（请与驻村工作队电话核对）`);
      const summary = applyVillageStaged(core, staged, { confirmPin: first || accepted.has(normFp(staged.signerFingerprint)) });
      const receipt = receipts ? writeVillageReceipt(core, staged.header, staged.hash, receipts) : null;
      console.log(JSON.stringify({ ...summary, receipt }));
    } catch (err) {
      refused = true;
      const reason = recordVillageRefusal(core, file, err);
      console.log(JSON.stringify({ file, result: 'refused', code: reason.code, message: reason.message }));
      console.error(`${path.basename(file)}：${reason.message}`);
    }
  }
  return refused;
}

/** Laptop: writes the bundle for the township into `dir` and prints its path. */
export async function exportVillage(core: Core, dir: string): Promise<void> {
  const r = await exportVillageBundle(core, { dir });
  console.log(r.file);
}

/** Laptop: applies the township's receipt; a refused one exits 3 with its reason. */
export function importVillageReceiptCli(core: Core, text: string): number {
  try {
    const r = importVillageReceipt(core, text);
    const changed = Object.values(r.tables).reduce((a, c) => a + c.new + c.changed + c.deleted, 0);
    const confirmed = r.already ? `第 ${r.bundleSeq} 号同步文件此前已确认` : `乡镇已确认收到第 ${r.bundleSeq} 号同步文件`;
    if (r.stale) console.log(`${confirmed}；${STALE_RECEIPT}`);
    else console.log(`${confirmed}；乡镇的变更 ${changed} 条${r.left ? `，${r.left} 条已转出本村` : ''}${r.settingsChanged ? '，考勤标准等设置已更新' : ''}`);
    return 0;
  } catch (err) {
    if (!(err instanceof StoreError || err instanceof AppError)) throw err;
    console.error(err.message.split('\n')[0]);
    return 3;
  }
}
