import { useEffect, useState } from 'react';
import { showError } from '../../api/client';

/**
 * The record a drawer shows, read when `id` is set (and again when `generation` changes); an
 * answer for an id no longer shown is dropped, and a failed read closes the drawer with its message.
 */
export function useDetail<D extends { id: string }>(id: string | null, read: (id: string) => Promise<D>, onClose: () => void, generation = 0) {
  const [detail, setDetail] = useState<D | null>(null);
  useEffect(() => {
    if (!id) return;
    let stale = false;
    read(id)
      .then((d) => !stale && setDetail(d))
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        onClose();
      });
    return () => {
      stale = true;
    };
  }, [id, read, onClose, generation]);
  return { shown: detail && detail.id === id ? detail : null, setDetail };
}
