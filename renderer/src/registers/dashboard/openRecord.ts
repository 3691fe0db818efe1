import type { QualityCheck, QualityRecord } from '../../../../electron/api/contract';
import { useAppStore } from '../../stores/appStore';
import { useCadreView } from '../cadres/cadreStore';
import { openWithFilter } from './filters';

/**
 * Opens the row a quality check found: a first secretary's ledger, a member's contact drawer, a
 * project's edit drawer; a person sharing an ID number opens their register's list narrowed to
 * them by record id (the ID number itself never goes into a filter).
 */
export function openQualityRecord(check: QualityCheck['key'], r: QualityRecord): void {
  const person = { id: r.id, name: r.name };
  if (r.register === 'cadres') {
    if (check === 'secretaryNoLog') {
      // The ledger is a view of the cadres page, the way the list's 台账 button opens it.
      useCadreView.getState().openLedger(r.id);
      useAppStore.getState().setPage('cadres');
      return;
    }
    useCadreView.getState().closeLedger();
    openWithFilter('cadres', { person });
  } else if (r.register === 'floating') {
    openWithFilter('floating', check === 'sharedIdNumber' ? { person } : { openId: r.id });
  } else {
    openWithFilter('projects', { openId: r.id });
  }
}
