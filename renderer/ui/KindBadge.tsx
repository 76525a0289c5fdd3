/** The kind of an annotation as a small labelled chip: letter + word, so colour is never the only cue. */
import type { AnnotationKind } from '../../core/model';
import { KIND_LABEL } from '../../core/common/kinds';

export function KindBadge({ kind }: { kind: AnnotationKind }) {
  return (
    <span className={`kind-badge kind-${kind}`}>
      <span className="kind-letter" aria-hidden="true">
        {KIND_LABEL[kind].charAt(0)}
      </span>
      {KIND_LABEL[kind]}
    </span>
  );
}
