/**
 * Where the window is: the library, one snapshot in the reader (optionally with one
 * annotation selected), the codebook, the speakers, one speaker, or the trash. Kept in the
 * URL hash so a reload (or a restart of the page) comes back to the same place.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'reader'; snapshotId: string; annotationId?: string }
  | { view: 'codebook' }
  | { view: 'speakers' }
  | { view: 'speaker'; speakerId: string }
  | { view: 'trash' };

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape falls through to the library.
    return null;
  }
};

export function parseRoute(hash: string): Route {
  const reader = /^#\/snapshot\/([^/?#]+)(?:\/a\/([^/?#]+))?$/.exec(hash);
  if (reader?.[1]) {
    const snapshotId = decode(reader[1]);
    const annotationId = reader[2] ? decode(reader[2]) : null;
    if (snapshotId) return annotationId ? { view: 'reader', snapshotId, annotationId } : { view: 'reader', snapshotId };
  }
  const speaker = /^#\/speakers\/([^/?#]+)$/.exec(hash);
  if (speaker?.[1]) {
    const speakerId = decode(speaker[1]);
    if (speakerId) return { view: 'speaker', speakerId };
  }
  if (hash === '#/codebook') return { view: 'codebook' };
  if (hash === '#/speakers') return { view: 'speakers' };
  if (hash === '#/trash') return { view: 'trash' };
  return { view: 'library' };
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'reader':
      return `#/snapshot/${encodeURIComponent(route.snapshotId)}${route.annotationId ? `/a/${encodeURIComponent(route.annotationId)}` : ''}`;
    case 'speaker':
      return `#/speakers/${encodeURIComponent(route.speakerId)}`;
    case 'codebook':
    case 'speakers':
    case 'trash':
      return `#/${route.view}`;
    default:
      return '#/';
  }
}

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
