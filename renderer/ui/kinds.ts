import type { AnnotationKind } from '../../core/model';

// What the kinds are called lives in core/common/kinds (core's English) and i18n/common (the window's, in each language).
/** The tagging keys, shown on buttons and in hints. */
export const KIND_KEY: Record<AnnotationKind, string> = { quote: 'Q', claim: 'C', figure: 'F', note: 'N' };
export const TAGGABLE_KINDS = ['quote', 'claim', 'figure', 'note'] as const;

/**
 * Kinds the reader does not draw (the person hid them to read the rest), remembered in this
 * window's localStorage. Shown as `hide-<kind>` classes on the page root, which the reader's
 * highlight rules read (reader/highlight.ts, reader/kinds.css): no block is redrawn.
 */
const HIDDEN_KEY = 'glossa.hiddenKinds';

function readHidden(): AnnotationKind[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]');
    return Array.isArray(stored) ? TAGGABLE_KINDS.filter((k) => stored.includes(k)) : [];
  } catch {
    // Unreadable (hand-edited, or storage refused): everything is shown.
    return [];
  }
}

export function hiddenKinds(): AnnotationKind[] {
  return readHidden();
}

export function setKindHidden(kind: AnnotationKind, hidden: boolean): AnnotationKind[] {
  const next = TAGGABLE_KINDS.filter((k) => (k === kind ? hidden : readHidden().includes(k)));
  try {
    localStorage.setItem(HIDDEN_KEY, JSON.stringify(next));
  } catch {
    // Not remembered, but still applied for this session.
  }
  applyHiddenKinds(next);
  return next;
}

/** Puts the classes on the page root; `[]` when the reader closes, so nothing else is affected. */
export function applyHiddenKinds(kinds: readonly AnnotationKind[]): void {
  for (const k of TAGGABLE_KINDS) document.documentElement.classList.toggle(`hide-${k}`, kinds.includes(k));
}
