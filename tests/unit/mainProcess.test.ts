import { vi } from 'vitest';
import { desktopHostSuite } from '../helpers/electronStandIn';

/**
 * electron/main.ts from source, in plain Node, against the stand-in Electron: quick to run and
 * points at the source line; mainBundle.test.ts runs the same checks on the shipped bundle.
 */

const standIn = await vi.hoisted(async () => (await import('../helpers/electronStandIn')).electronStandIn());
vi.mock('electron', () => standIn.electron);

desktopHostSuite('electron/main.ts', standIn, async () => {
  await import('../../electron/main');
});
