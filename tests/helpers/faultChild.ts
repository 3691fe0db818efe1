/**
 * A child process for the SIGKILL fault tests (tests/unit/faultsKill.test.ts), run as
 * `node --import tsx tests/helpers/faultChild.ts <mode> ...`. It prints one line per milestone on
 * stdout (synchronous for pipes on Linux and macOS), so the parent knows what was committed before
 * it pulls the plug:
 *
 *   writes  DB          register writes through dispatch forever: "ok <n> <action> <id>" after each commit
 *   migrate DB          opens DB the way the app does (backup, then migrate): "start", then "done"
 */
import { openStore } from '../../db/open';
import { dispatch } from '../../electron/api/dispatch';
import { openCore } from '../../electron/core';
import { memberInput, validId } from '../unit/floating.helpers';

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const say = (line: string) => process.stdout.write(line + '\n');

const years = (stars: number) => [{ year: 2025, stars, income: '1.5' }, { year: 2024, stars: 2, income: '0.5' }];

async function writes(file: string): Promise<void> {
  const core = await openCore(file);
  // Floating members go to one village that is never removed (a village with members cannot be).
  const home = await dispatch(core, 'villages.create', { name: '常驻村', kind: '行政村', years: years(3) });
  if (!home.ok) throw new Error(`home village failed: ${home.error.message}`);
  const homeId = (home.value as { id: string }).id;
  const live: { id: string; version: number }[] = [];
  for (let n = 1; ; n++) {
    const pick = live[n % Math.max(1, live.length)];
    const [action, r] =
      n % 4 === 0
        ? (['member', await dispatch(core, 'floating.create', memberInput(homeId, { name: `成员${STEMS[n % 10]}${STEMS[Math.floor(n / 10) % 10]}`, idNumber: validId(`45031119900101${String(n % 1000).padStart(3, '0')}`) }))] as const)
        : n % 5 === 0 && pick
          ? (['remove', await dispatch(core, 'villages.remove', { id: pick.id, version: pick.version })] as const)
          : n % 3 === 0 && pick
            ? (['update', await dispatch(core, 'villages.update', { id: pick.id, version: pick.version, name: `改名村${n}`, kind: '社区', note: '改'.repeat(300), years: years(4) })] as const)
            : (['create', await dispatch(core, 'villages.create', { name: `村${n}`, kind: '行政村', note: '备'.repeat(400), years: years(3) })] as const);
    if (!r.ok) throw new Error(`${action} failed: ${r.error.code} ${r.error.message}`);
    const v = r.value as { id: string; version?: number };
    if (action === 'create') live.push({ id: v.id, version: v.version ?? 1 });
    if (action === 'update') pick!.version = v.version!;
    if (action === 'remove') live.splice(live.indexOf(pick!), 1);
    say(`ok ${n} ${action} ${action === 'create' || action === 'member' ? v.id : pick!.id}`);
  }
}

async function migrate(file: string): Promise<void> {
  say('start');
  const { db } = await openStore(file);
  db.close();
  say('done');
}

const [mode, ...args] = process.argv.slice(2);
const run = mode === 'writes' ? writes(args[0]!) : mode === 'migrate' ? migrate(args[0]!) : Promise.reject(new Error(`unknown mode ${mode}`));
run.catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
