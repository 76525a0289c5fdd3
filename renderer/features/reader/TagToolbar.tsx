/**
 * The buttons above the article: tag the selection as each kind (with its key), find, have the
 * detectors suggest, and show or hide each kind's marks (remembered). The toolbar wraps in a
 * narrow window instead of cutting its buttons.
 */
import { useEffect, useState } from 'react';
import type { AnnotationKind } from '../../../core/model';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { applyHiddenKinds, hiddenKinds, KIND_KEY, setKindHidden, TAGGABLE_KINDS } from '../../ui/kinds';
import { readerMessages } from './messages';
import './kinds.css';

export function TagToolbar({ onTag, onFind, onSuggest }: { onTag(kind: AnnotationKind, exact: boolean): void; onFind(): void; onSuggest(): void }) {
  const m = useMessages(readerMessages);
  const common = useMessages(commonMessages);
  return (
    <div className="reader-toolbar reader-toolbar-wraps" role="toolbar" aria-label={m.toolbarLabel}>
      {TAGGABLE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`button tag-button tag-${kind}`}
          // Keep the text selection: a button press must not move focus or clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => onTag(kind, e.altKey)}
          aria-keyshortcuts={KIND_KEY[kind]}
        >
          <span className={`tag-swatch swatch-${kind}`} aria-hidden="true" />
          {common.kindLabel[kind]} <kbd>{KIND_KEY[kind]}</kbd>
        </button>
      ))}
      <button type="button" className="button button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={onFind} aria-keyshortcuts="/">
        {m.find} <kbd>/</kbd>
      </button>
      <button type="button" className="button button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={onSuggest}>
        {m.suggest}
      </button>
      <KindToggles />
      <span className="toolbar-hint">{m.toolbarHint}</span>
    </div>
  );
}

/** One small pressed/unpressed swatch per kind: pressed = drawn in the article. */
function KindToggles() {
  const m = useMessages(readerMessages);
  const [hidden, setHidden] = useState<AnnotationKind[]>(hiddenKinds);
  // The classes live on the page root while the reader is open, and go with it.
  useEffect(() => {
    applyHiddenKinds(hidden);
    return () => applyHiddenKinds([]);
  }, [hidden]);
  return (
    <div className="kind-toggles" role="group" aria-label={m.showInArticle}>
      <span className="kind-toggles-label" aria-hidden="true">
        {m.show}
      </span>
      {TAGGABLE_KINDS.map((kind) => {
        const shown = !hidden.includes(kind);
        const plural = m.kindPlural[kind];
        return (
          <button
            key={kind}
            type="button"
            className="kind-toggle"
            aria-pressed={shown}
            aria-label={m.showKind(plural)}
            title={shown ? m.hideKindInArticle(plural) : m.showKindInArticle(plural)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setHidden(setKindHidden(kind, shown))}
          >
            <span className={`tag-swatch swatch-${kind}`} aria-hidden="true" />
          </button>
        );
      })}
    </div>
  );
}
