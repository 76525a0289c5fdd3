/**
 * Where the window is: the library or one snapshot in the reader. Kept in the URL hash so a
 * reload (or a restart of the page) comes back to the same article.
 */
import { useSyncExternalStore } from 'react';

export type Route = { view: 'library' } | { view: 'reader'; snapshotId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/snapshot\/([^/?#]+)$/.exec(hash);
  if (match?.[1]) {
    try {
      return { view: 'reader', snapshotId: decodeURIComponent(match[1]) };
    } catch {
      // A malformed escape falls through to the library.
    }
  }
  return { view: 'library' };
}

export const hrefFor = (route: Route): string =>
  route.view === 'reader' ? `#/snapshot/${encodeURIComponent(route.snapshotId)}` : '#/';

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // parseRoute is cheap; callers compare fields, not identity.
  return parseRoute(hash);
}
