/**
 * The buttons above the article: tag the selection as each kind (with its key), find, have the
 * detectors suggest, and show or hide each kind's marks (remembered). The toolbar wraps in a
 * narrow window instead of cutting its buttons.
 */
import { useEffect, useState } from 'react';
import { KIND_LABEL } from '../../../core/common/kinds';
import type { AnnotationKind } from '../../../core/model';
import { applyHiddenKinds, hiddenKinds, KIND_KEY, setKindHidden, TAGGABLE_KINDS } from '../../ui/kinds';
import './kinds.css';

const PLURAL: Record<AnnotationKind, string> = { quote: 'quotes', claim: 'claims', figure: 'figures', note: 'notes' };

export function TagToolbar({ onTag, onFind, onSuggest }: { onTag(kind: AnnotationKind, exact: boolean): void; onFind(): void; onSuggest(): void }) {
  return (
    <div className="reader-toolbar reader-toolbar-wraps" role="toolbar" aria-label="Tag the selected text">
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
          {KIND_LABEL[kind]} <kbd>{KIND_KEY[kind]}</kbd>
        </button>
      ))}
      <button type="button" className="button button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={onFind} aria-keyshortcuts="/">
        Find <kbd>/</kbd>
      </button>
      <button type="button" className="button button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={onSuggest}>
        Suggest…
      </button>
      <KindToggles />
      <span className="toolbar-hint">Select words (or find them with /), then press a key. Alt keeps the exact characters; ? lists every key.</span>
    </div>
  );
}

/** One small pressed/unpressed swatch per kind: pressed = drawn in the article. */
function KindToggles() {
  const [hidden, setHidden] = useState<AnnotationKind[]>(hiddenKinds);
  // The classes live on the page root while the reader is open, and go with it.
  useEffect(() => {
    applyHiddenKinds(hidden);
    return () => applyHiddenKinds([]);
  }, [hidden]);
  return (
    <div className="kind-toggles" role="group" aria-label="Show in the article">
      <span className="kind-toggles-label" aria-hidden="true">
        Show
      </span>
      {TAGGABLE_KINDS.map((kind) => {
        const shown = !hidden.includes(kind);
        return (
          <button
            key={kind}
            type="button"
            className="kind-toggle"
            aria-pressed={shown}
            aria-label={`Show ${PLURAL[kind]}`}
            title={shown ? `Hide ${PLURAL[kind]} in the article` : `Show ${PLURAL[kind]} in the article`}
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
