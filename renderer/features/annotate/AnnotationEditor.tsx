/** The selected annotation's form: its kind's fields, a comment, and delete. */
import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { formatDate } from '../../ui/format';
import { KIND_LABEL } from '../../ui/kinds';
import { Field, type FieldValue } from './Field';
import { fieldsOf, type FieldSpec } from './fields';

const COMMENT: FieldSpec = { name: 'comment', label: 'Comment', type: 'textarea', placeholder: 'Your note on this passage' };

interface Props {
  annotation: Annotation;
  /** Changes when the first field should take focus (just after tagging). */
  focusToken: number;
  onDone(): void;
  onDelete(annotation: Annotation): void;
}

export function AnnotationEditor({ annotation, focusToken, onDone, onDelete }: Props) {
  const firstRef = useRef<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null>(null);
  const specs = fieldsOf(annotation.kind);
  const { snapshotId, id } = annotation;

  useEffect(() => {
    if (focusToken > 0) firstRef.current?.focus();
  }, [focusToken]);

  // Only the field that changed is sent, so undo restores exactly that field.
  const save = (name: string, value: FieldValue): Promise<boolean> => {
    const patch = name === 'comment' ? { comment: value === null ? '' : String(value) } : { fields: { [name]: value } };
    return undoStack.perform(() => glossa().updateAnnotation({ snapshotId, id, patch })).then(
      () => true,
      (e: unknown) => {
        reportError(e, `Could not save ${name === 'comment' ? 'the comment' : 'the field'}`);
        return false;
      },
    );
  };

  const label = KIND_LABEL[annotation.kind].toLowerCase();
  const { start, end } = annotation.target.position;
  return (
    <div className="annotation-editor" role="group" aria-label={`Edit ${label}`}>
      <div className={`editor-fields editor-${annotation.kind}`}>
        {specs.map((spec, i) => (
          <Field
            key={spec.name}
            spec={spec}
            value={annotation.fields[spec.name as keyof Annotation['fields']] as FieldValue | undefined}
            onCommit={(value) => save(spec.name, value)}
            onDone={onDone}
            inputRef={i === 0 ? firstRef : undefined}
          />
        ))}
        <Field spec={COMMENT} value={annotation.comment} onCommit={(value) => save('comment', value)} onDone={onDone} inputRef={specs.length === 0 ? firstRef : undefined} />
      </div>
      <div className="editor-footer">
        <span className="editor-meta" title={`Created ${formatDate(annotation.createdAt, true)}, edited ${formatDate(annotation.updatedAt, true)}`}>
          Characters {start.toLocaleString()}–{end.toLocaleString()}
        </span>
        <button type="button" className="button button-danger button-small" onClick={() => onDelete(annotation)}>
          Delete {label}
        </button>
      </div>
    </div>
  );
}
