import { create } from 'zustand';

/**
 * Which view of the 驻村干部 page is showing: the list, or one cadre's ledger. Kept outside the
 * page so the list's filters survive a trip to a ledger and back.
 */
interface CadreView {
  ledgerId: string | null;
  openLedger(id: string): void;
  closeLedger(): void;
}

export const useCadreView = create<CadreView>()((set) => ({
  ledgerId: null,
  openLedger: (id) => set({ ledgerId: id }),
  closeLedger: () => set({ ledgerId: null }),
}));
