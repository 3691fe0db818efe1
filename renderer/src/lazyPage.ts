import { lazy, type ComponentType } from 'react';

/**
 * A page loaded only when first shown: its code (and the Ant Design components only it uses) is a
 * chunk of its own, so the start parses the shell and the landing page instead of every screen.
 * `preload` starts the download early (the landing page at start, the others once it is shown).
 */
export interface LazyPage {
  Component: ComponentType;
  preload(): Promise<unknown>;
}

export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (m) => ({ default: m[name] }),
      (err: unknown) => {
        // A failed fetch is tried again at the next show rather than remembered.
        loading = null;
        throw err;
      },
    ));
  return { Component: lazy(preload), preload };
}
