/** The buttons above the article: tag the selection as each kind (with its key), find, and have the detectors suggest. */
import { KIND_LABEL } from '../../../core/common/kinds';
import type { AnnotationKind } from '../../../core/model';
import { KIND_KEY, TAGGABLE_KINDS } from '../../ui/kinds';

export function TagToolbar({ onTag, onFind, onSuggest }: { onTag(kind: AnnotationKind, exact: boolean): void; onFind(): void; onSuggest(): void }) {
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Tag the selected text">
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
      <span className="toolbar-hint">Select words (or find them with /), then press a key. Alt keeps the exact characters; ? lists every key.</span>
    </div>
  );
}
