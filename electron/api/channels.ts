/**
 * Channel names only, with no dependencies, so the sandboxed preload can allow-list them
 * without bundling the schemas. contract.ts must define exactly these.
 */
export const CHANNELS = [
  // setup and settings
  'app.status',
  'setup.lookupDivision',
  'setup.officialVillages',
  'setup.complete',
  'settings.get',
  'settings.update',
  // villages
  'villages.list',
  'villages.get',
  'villages.create',
  'villages.update',
  'villages.remove',
  'villages.importOfficial',
  'villages.exportXlsx',
  // cadres
  'cadres.list',
  'cadres.get',
  'cadres.revealId',
  'cadres.create',
  'cadres.update',
  'cadres.remove',
  'cadres.post',
  'cadres.endPosting',
  'cadres.removePosting',
  'cadres.updatePosting',
  'cadres.logDay',
  'cadres.saveLog',
  'cadres.removeLog',
  'cadres.monthLogs',
  'cadres.addInspection',
  'cadres.removeInspection',
  'cadres.saveEvaluation',
  'cadres.removeEvaluation',
  'cadres.saveAssessment',
  'cadres.removeAssessment',
  'cadres.ledger',
  'cadres.exportLedger',
  'cadres.summary',
  'cadres.exportXlsx',
  'cadres.template',
  'cadres.importXlsx',
  // floating
  'floating.list',
  'floating.alerts',
  'floating.get',
  'floating.revealId',
  'floating.create',
  'floating.update',
  'floating.remove',
  'floating.changeStatus',
  'floating.assignContact',
  'floating.addRecord',
  'floating.updateRecord',
  'floating.removeRecord',
  'floating.divisions',
  'floating.exportXlsx',
  'floating.template',
  'floating.importXlsx',
  // projects
  'projects.list',
  'projects.get',
  'projects.create',
  'projects.update',
  'projects.remove',
  'projects.addProgress',
  'projects.removeProgress',
  'projects.coverage',
  'projects.exportXlsx',
  'projects.template',
  'projects.importXlsx',
  // reports
  'reports.get',
  'reports.exportXlsx',
  // sync
  'sync.status',
  'sync.setDistrictKey',
  'sync.confirmDistrictKey',
  'sync.export',
  'sync.exportProgress',
  'sync.importReceipt',
  'sync.createDistrictKeys',
  'sync.loadDistrictKey',
  'sync.preview',
  'sync.apply',
  'sync.history',
  'sync.completeness',
  'sync.townships',
  'sync.pins',
  'sync.revokePin',
  // audit
  'audit.list',
  // backup and restore
  'backup.list',
  'backup.create',
  'backup.restore',
  'backup.exportDamaged',
  // app lock
  'lock.status',
  'lock.enable',
  'lock.disable',
  'lock.change',
  'lock.setIdle',
  'lock.lock',
  'lock.unlock',
  // home dashboard
  'dashboard.get',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
