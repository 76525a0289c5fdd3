/** A passage with its matched words in <mark>, and an ellipsis where text was left out. */
import type { Highlighted } from '../../../core/search/snippet';
import { segmentsOf } from './segments';

export function HighlightedText({ value }: { value: Highlighted }) {
  return (
    <>
      {value.before ? '… ' : null}
      {segmentsOf(value).map((s, i) =>
        s.hit ? (
          <mark key={i} className="search-mark">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
      {value.after ? ' …' : null}
    </>
  );
}
