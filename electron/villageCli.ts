import fs from 'node:fs';
import { StoreError } from '../db/errors';
import { findLiveVillageBy } from '../db/villages';
import { AppError } from './api/errors';
import { need, parse, UsageError, withCore } from './cliArgs';
import { completeVillageSetup } from './services/villageSetup';
import { readPackage } from './sync/villagePackage';
import { makeVillagePackage, packageableVillages } from './sync/villagePackageMake';

/**
 * The 驻村版's CLI commands. Exit codes as for sync: 0 done, 3 refused (a package the laptop
 * will not take, or a village the township cannot package), 2 bad usage, 1 any other failure.
 */

export const VILLAGE_USAGE = `  init --db FILE --role village --package FILE [--operator NAME] [--fingerprint FP]
                                                   （FP：与乡镇电话核对过的乡镇密钥指纹）
  village-package --db TOWNSHIP_DB (--village CODE | --all) --out DIR`;

/** A refusal of the package or of the request prints its reason and exits 3. */
async function refusable(run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (err) {
    if (!(err instanceof StoreError || err instanceof AppError) || err.code === 'not_setup') throw err;
    console.error(err.message.split('\n')[0]);
    return 3;
  }
}

export async function villageInit(args: string[]): Promise<number> {
  const v = parse(args, { db: { type: 'string' }, role: { type: 'string' }, package: { type: 'string' }, operator: { type: 'string' }, fingerprint: { type: 'string' } });
  const file = need(v, 'package');
  const db = need(v, 'db');
  return refusable(async () => {
    const pkg = readPackage(file);
    const { township, village } = pkg.body;
    await withCore(db, (core) => {
      const bytes = fs.readFileSync(file);
      completeVillageSetup(core, { bytes, fingerprint: (v.fingerprint as string | undefined) ?? pkg.fingerprint, operator: (v.operator as string | undefined) ?? '管理员' });
    });
    console.log(`已设置为驻村版：${village.name}（${township.name}），驻村干部 ${pkg.body.rows.cadres.length} 名`);
    if (!v.fingerprint) console.error(`乡镇密钥指纹：${pkg.fingerprint}（请与乡镇电话核对）`);
  });
}

async function villagePackage(args: string[]): Promise<number> {
  const v = parse(args, { db: { type: 'string' }, village: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' } });
  if (!!v.all === (v.village !== undefined)) throw new UsageError('请指定 --village CODE 或 --all 之一');
  if (v.village !== undefined && !/^\d{12}$/.test(v.village as string)) throw new UsageError('--village 应为12位村（社区）区划代码');
  const out = need(v, 'out');
  const db = need(v, 'db');
  return refusable(() =>
    withCore(db, (core) => {
      if (core.installation()?.role !== 'township') throw new StoreError('invalid', '只有乡镇（街道）的数据库能生成驻村版配置包');
      let ids: string[];
      if (v.all) {
        ids = packageableVillages(core).map((x) => x.id);
        if (!ids.length) throw new StoreError('no_cadres', '没有派驻了在岗驻村干部的村（社区），未生成配置包');
      } else {
        const village = findLiveVillageBy(core.db, 'code', v.village as string);
        if (!village) throw new StoreError('not_found', `没有区划代码为 ${String(v.village)} 的村（社区）`);
        ids = [village.id];
      }
      fs.mkdirSync(out, { recursive: true });
      const made = ids.map((id) => makeVillagePackage(core, id, out));
      for (const m of made) console.log(m.file);
      console.error(`乡镇密钥指纹：${made[0]!.fingerprint}（设置驻村版时请电话核对）`);
    }),
  );
}

export const VILLAGE_COMMANDS: Record<string, (args: string[]) => Promise<number | void>> = { 'village-package': villagePackage };
