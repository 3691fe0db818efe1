import { addDays, localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import type { App } from './browser';
import { seedCaller, villageIdOf } from './seedCall';

const today = localDay(new Date());
const validId = (first17: string) => first17 + checkChar(first17);

/** One record in each register, with long names, as the layout tests at 1366×768 look at them. */
export async function seedLists(app: App) {
  const call = seedCaller(app);
  const villageId = villageIdOf(app);
  const cadre = await call('cadres.create', { name: '欧阳明华', idNumber: validId('45030219850314123'), unit: '桂林市雁山区农业农村局乡村振兴促进中心', unitLevel: '县区直', mobile: '13812345678' });
  await call('cadres.post', { cadreId: cadre.id, villageId, role: '第一书记', startDate: addDays(today, -60) });
  const member = await call('floating.create', { villageId, name: '欧阳小明', idNumber: validId('45031119900101123'), memberType: '正式党员', leftDate: addDays(today, -300), destProvince: '44', destCity: '4403', destCounty: '440306', workplace: '某电子厂', reason: '务工', mobile: '13912345678' });
  await call('floating.assignContact', { memberId: member.id, cadreName: '李书记', cadrePhone: '13900000001', startDate: addDays(today, -300) });
  await call('floating.addRecord', { memberId: member.id, contactDate: today, way: '电话', madeBy: '李书记', content: '电话了解务工情况' });
  const project = await call('projects.create', { villageId, year: Number(today.slice(0, 4)), name: '东立村百香果种植基地提质增效项目', category: '种植', model: '村集体自营', status: '在建', total: '120', fiscal: '120', households: 36 });
  await call('projects.addProgress', { projectId: project.id, reportDate: today, percent: 45, note: '完成育苗' });
  // One star: its corrective items in the drawer, and 软弱涣散 on 首页.
  await call('stars.create', { villageId, year: Number(today.slice(0, 4)) - 1, score: 48, stars: 1, changeReason: '班子软弱涣散，组织生活长期不正常', publicityStart: addDays(today, -30), publicityEnd: addDays(today, -24), rectifications: [{ item: '调整充实村“两委”班子，规范“三会一课”', deadline: addDays(today, 60), responsible: '李书记' }] });
}

