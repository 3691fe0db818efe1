import { lazy, type ComponentType } from 'react';

/**
 * A page loaded only when first shown: its code (and the Ant Design components only it uses) is a
 * chunk of its own, so the start parses the shell and the landing page instead of every screen.
 * `preload` starts the download early (the landing page at start, the others once it is shown).
 */
export interface LazyPage {
  Component: ComponentType;
  preload(): Promise<unknown>;
  /**
   * The clerk is about to open the page from the menu: runs the module's `early` (if it exports
   * one: its list's first call, see callEarly) as soon as its code is in, before it renders.
   */
  opening(): void;
}

/** A page's module: the component under its name, and optionally what to ask for at the click. */
type PageModule<K extends string> = Record<K, ComponentType> & { early?: () => void };

export function lazyPage<K extends string>(load: () => Promise<PageModule<K>>, name: K): LazyPage {
  let loading: Promise<PageModule<K>> | null = null;
  const module = () =>
    (loading ??= load().catch((err: unknown) => {
      // A failed fetch is tried again at the next show rather than remembered.
      loading = null;
      throw err;
    }));
  let page: Promise<{ default: ComponentType }> | null = null;
  const preload = () =>
    (page ??= module().then(
      (m) => ({ default: m[name] as ComponentType }),
      (err: unknown) => {
        page = null;
        throw err;
      },
    ));
  return {
    Component: lazy(preload),
    preload,
    opening: () => void module().then((m) => m.early?.(), () => undefined),
  };
}
