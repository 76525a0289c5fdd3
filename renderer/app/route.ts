/**
 * Where the window is: the library (optionally opened on a search), one snapshot in the
 * reader (optionally at one annotation, or at some words a search found), the annotation
 * browser, the codebook, the speakers, one speaker, or the trash. Kept in the URL hash so a
 * reload (or a restart of the page) comes back to the same place.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'library'; query?: string }
  | { view: 'reader'; snapshotId: string; annotationId?: string; at?: { start: number; end: number } }
  | { view: 'annotations'; query?: string }
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
  const reader = /^#\/snapshot\/([^/?#]+)(?:\/a\/([^/?#]+)|\/at\/(\d{1,9})-(\d{1,9}))?$/.exec(hash);
  if (reader?.[1]) {
    const snapshotId = decode(reader[1]);
    const annotationId = reader[2] ? decode(reader[2]) : null;
    const at = reader[3] && reader[4] ? { start: Number(reader[3]), end: Number(reader[4]) } : null;
    if (snapshotId) {
      if (annotationId) return { view: 'reader', snapshotId, annotationId };
      // Words to open at: an empty or backwards range opens the article at its top.
      return at && at.end > at.start ? { view: 'reader', snapshotId, at } : { view: 'reader', snapshotId };
    }
  }
  const search = /^#\/(search|annotations)(?:\/([^?#]*))?$/.exec(hash);
  if (search?.[1]) {
    const view = search[1] === 'search' ? 'library' : 'annotations';
    const query = search[2] ? decode(search[2]) : null;
    return query ? { view, query } : { view };
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
      if (route.annotationId) return `#/snapshot/${encodeURIComponent(route.snapshotId)}/a/${encodeURIComponent(route.annotationId)}`;
      return `#/snapshot/${encodeURIComponent(route.snapshotId)}${route.at ? `/at/${route.at.start}-${route.at.end}` : ''}`;
    case 'library':
      return route.query ? `#/search/${encodeURIComponent(route.query)}` : '#/';
    case 'annotations':
      return route.query ? `#/annotations/${encodeURIComponent(route.query)}` : '#/annotations';
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
