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
  // audit
  'audit.list',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
