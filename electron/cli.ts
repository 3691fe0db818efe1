import { randomUUID } from 'node:crypto';
import { refreshStatistics } from '../db/stats';
import { StoreError } from '../db/errors';
import { countLive } from '../db/tables';
import { need, parse, UsageError, withCore } from './cliArgs';
import { SYNC_COMMANDS, SYNC_USAGE } from './sync/cli';
import { villagesOf } from '../db/divisions';
import { dispatch } from './api/dispatch';
import { fromUnknown } from './api/errors';
import { seedVillages } from './seed/villages';
import { seedCadres } from './seed/cadres';
import { seedProjects } from './seed/projects';
import { seedFloating } from './seed/floating';
import { seedPartyDev } from './seed/partyDev';
import { seedStars } from './seed/stars';
import { seedVillage } from './seed/village';
import { Rng, seededIds } from './seed/random';
import { BACKUP_COMMANDS, BACKUP_USAGE } from './backupCli';
import { report, REPORT_USAGE } from './reportCli';
import { writeTx } from '../db/tx';
import { VILLAGE_COMMANDS, VILLAGE_USAGE, villageInit } from './villageCli';

/**
 * Scripted and district-IT use: `npm run -s cli -- <command>`.
 * Exit codes: 0 done, 2 bad usage, 1 any other failure, with one line on stderr.
 */

const USAGE = `用法：
  init  --db FILE --role township|district --code CODE --name NAME [--operator NAME] [--villages official]
  seed  --db FILE [--villages N] [--seed S]      （驻村版：本村在岗干部近30天的日志和几条联系记录）
  stats --db FILE [--json]
${REPORT_USAGE}
${SYNC_USAGE}
${BACKUP_USAGE}
${VILLAGE_USAGE}`;

function positiveInt(v: string | boolean | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new UsageError(`--${name} 应为 0 到 100000 之间的整数`);
  return n;
}

async function init(args: string[]): Promise<number | void> {
  if (parse(args, INIT_OPTIONS_ANY).role === 'village') return villageInit(args);
  const v = parse(args, {
    db: { type: 'string' },
    role: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    operator: { type: 'string' },
    villages: { type: 'string' },
  });
  const role = need(v, 'role');
  if (role !== 'township' && role !== 'district') throw new UsageError('--role 应为 township、district 或 village');
  if (v.villages !== undefined && v.villages !== 'official') throw new UsageError('--villages 只能为 official');
  if (v.villages && role !== 'township') throw new UsageError('--villages official 只适用于乡镇（township）');
  const code = need(v, 'code');
  const name = need(v, 'name');
  await withCore(need(v, 'db'), async (core) => {
    const importVillages = v.villages ? villagesOf(code).map((d) => d.code) : [];
    if (v.villages && !importVillages.length) throw new StoreError('invalid', `官方区划代码中没有 ${code} 的村（社区）名单`);
    // The same validated path as the setup screen.
    const r = await dispatch(core, 'setup.complete', { role, code, name, operator: v.operator ?? '管理员', importVillages });
    if (!r.ok) throw new StoreError(r.error.code, r.error.message);
    console.log(`已初始化：${name}（${code}），导入村（社区）${countLive(core.db).villages ?? 0} 个`);
  });
}

/** Every option of either form of init, so the role can be read before the form is chosen. */
const INIT_OPTIONS_ANY = Object.fromEntries(
  ['db', 'role', 'code', 'name', 'operator', 'villages', 'package', 'fingerprint'].map((k) => [k, { type: 'string' as const }]),
);

async function seed(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, villages: { type: 'string' }, seed: { type: 'string' } });
  const count = positiveInt(v.villages, 'villages', 12);
  const seedText = (v.seed as string | undefined) ?? '1';
  // Ids from the seed and this installation (known once the store is open); see seededIds.
  let nextId: () => string = randomUUID;
  await withCore(
    need(v, 'db'),
    (core) => {
      const inst = core.installation();
      if (!inst) throw new StoreError('not_setup', '数据库尚未初始化，请先运行 init');
      nextId = seededIds(seedText, inst.installationId);
      if (inst.role === 'village') return seedVillage(core, seedText);
      if (inst.role !== 'township') throw new StoreError('read_only', '区县数据库的数据来自各乡镇同步文件，不能生成演示数据');
      // Content from the seed and the township's code: demo townships differ in people and ID
      // numbers too, so a district holding several does not see everyone listed as a duplicate.
      const rng = new Rng(`${seedText}/${inst.unitCode}`);
      const year = core.now().getFullYear();
      const made = writeTx(core.db, () => {
        const villages = seedVillages(core, rng, count, year);
        const cadres = seedCadres(core, rng);
        const projects = seedProjects(core, rng, year);
        const floating = seedFloating(core, rng);
        const dev = seedPartyDev(core, rng);
        const stars = seedStars(core, rng, year);
        return { villages, cadres, projects, floating, dev, stars };
      });
      refreshStatistics(core.db);
      console.log(`已生成：村（社区）${made.villages} 个，驻村干部 ${made.cadres.cadres} 名（驻村日志 ${made.cadres.logs} 条），一村一项目 ${made.projects} 个，流动党员 ${made.floating} 名，发展党员对象 ${made.dev.people} 名，排查整顿案例 ${made.dev.cases} 个，评星定级 ${made.stars} 条`);
    },
    { newId: () => nextId() },
  );
}

async function stats(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  await withCore(need(v, 'db'), (core) => {
    const counts = countLive(core.db);
    if (v.json) console.log(JSON.stringify(counts));
    else for (const [t, n] of Object.entries(counts)) console.log(`${t}\t${n}`);
  });
}

const COMMANDS: Record<string, (args: string[]) => Promise<number | void>> = { init, seed, stats, report, ...SYNC_COMMANDS, ...BACKUP_COMMANDS, ...VILLAGE_COMMANDS };

async function runCli(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    const run = cmd ? COMMANDS[cmd] : undefined;
    if (!run) throw new UsageError(cmd ? `未知命令：${cmd}` : '缺少命令');
    return (await run(rest)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    // Disk full / I/O errors get the same Chinese message as in the app.
    const known = err instanceof StoreError ? null : fromUnknown(err);
    const msg = err instanceof StoreError ? err.message : known && known.code !== 'internal' ? known.message : `操作失败：${(err as Error).message ?? String(err)}`;
    console.error(msg.split('\n')[0]);
    return 1;
  }
}

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
