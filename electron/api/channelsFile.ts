import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contract } from './contract';

/**
 * Writes channels.ts, the channel names alone, from the declarations in contract.ts. The sandboxed
 * preload may require nothing but 'electron' at run time, so it cannot import the declarations
 * (they carry zod and the field rules); it imports this generated list instead. The list is typed
 * against the declarations, so a stale one fails `npm run typecheck`, and
 * tests/unit/channelDeclarations.test.ts compares it with this output.
 *
 * Run: `npm run gen:channels` after adding, renaming or removing a channel.
 */

export const CHANNELS_FILE = fileURLToPath(new URL('./channels.ts', import.meta.url));

const writing = () => Object.entries(contract).filter(([, c]) => c.meta.writes).map(([n]) => n);

export function renderChannelsFile(names: readonly string[] = Object.keys(contract), writes: readonly string[] = writing()): string {
  const list = (ns: readonly string[]) => ns.map((n) => `  ${JSON.stringify(n).replace(/^"|"$/g, "'")},`).join('\n');
  return `// Generated from the channel declarations (contract.ts) by \`npm run gen:channels\`; do not edit.
import type { Contract } from './contract';

/**
 * Channel names only, with no run-time dependencies, so the sandboxed preload can allow-list them
 * without bundling the schemas. Everything else about a channel is in its declaration.
 */
export const CHANNELS = [
${list(names)}
] as const satisfies readonly ChannelName[];

/** The channels that write (their declaration's meta.writes): the renderer drops answers fetched ahead of them (callEarly). */
export const WRITING: ReadonlySet<string> = new Set<ChannelName>([
${list(writes)}
]);

export type ChannelName = keyof Contract & string;

type Unlisted = Exclude<ChannelName, (typeof CHANNELS)[number]>;
/** Does not compile while a declared channel is missing above: run \`npm run gen:channels\`. */
export const LISTS_EVERY_CHANNEL: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const next = renderChannelsFile();
  if (fs.readFileSync(CHANNELS_FILE, 'utf8') !== next) fs.writeFileSync(CHANNELS_FILE, next);
}
