/** The kind of an annotation as a small labelled chip: letter + word, so colour is never the only cue. */
import type { AnnotationKind } from '../../core/model';
import { useMessages } from '../i18n';
import { commonMessages } from '../i18n/common';

export function KindBadge({ kind }: { kind: AnnotationKind }) {
  const label = useMessages(commonMessages).kindLabel[kind];
  return (
    <span className={`kind-badge kind-${kind}`}>
      <span className="kind-letter" aria-hidden="true">
        {label.charAt(0)}
      </span>
      {label}
    </span>
  );
}
