/**
 * The selected annotation's form: its kind's fields (the speaker from the registry, the
 * verdict with its history), what the text gives a figure, codebook tags, links to other
 * annotations, a comment, and delete.
 */
import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { formatDate } from '../../ui/format';
import { KIND_LABEL } from '../../ui/kinds';
import { TagChip } from '../../ui/TagChip';
import { useCodebook } from '../codebook/useCodebook';
import { ClaimExtras } from './ClaimExtras';
import { Field, type FieldValue } from './Field';
import { fieldsOf, type FieldSpec } from './fields';
import { FigureExtras } from './FigureExtras';
import { relationLabel } from './LinkDialog';
import { SpeakerField } from './SpeakerField';
import { storedId } from './useAnnotations';
import type { FigureAnalysis } from './useFigures';

const COMMENT: FieldSpec = { name: 'comment', label: 'Comment', type: 'textarea', placeholder: 'Your note on this passage' };
type Focusable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Props {
  annotation: Annotation;
  /** Every live annotation of the snapshot, for links in both directions. */
  annotations: readonly Annotation[];
  /** Changes when the first field should take focus (just after tagging, or Enter). */
  focusToken: number;
  /** Changes when the verdict should take focus (V). */
  verdictToken?: number;
  figures: FigureAnalysis | null;
  onDone(): void;
  onDelete(annotation: Annotation): void;
  onAccept(annotation: Annotation): void;
  onPickTags(): void;
  onLink(): void;
  onSelect(id: string): void;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function AnnotationEditor({ annotation, annotations, focusToken, verdictToken, figures, onDone, onDelete, onAccept, onPickTags, onLink, onSelect }: Props) {
  const firstRef = useRef<Focusable | null>(null);
  const verdictRef = useRef<Focusable | null>(null);
  const { tags } = useCodebook();
  const specs = fieldsOf(annotation.kind);
  const { snapshotId, id } = annotation;
  const pending = id.startsWith('pending-');

  useEffect(() => {
    if (focusToken <= 0) return;
    // After the frame that shows the new highlight: focusing lays out the page, which would hold that frame back.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => firstRef.current?.focus(), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [focusToken]);
  useEffect(() => {
    if (verdictToken) verdictRef.current?.focus();
  }, [verdictToken]);

  // Only the field that changed is sent, so undo restores exactly that field.
  const save = (name: string, value: FieldValue): Promise<boolean> => {
    // Typed before the new annotation's save returned: the edit waits for its stored id.
    const call = async () => {
      const stored = await storedId(id);
      return name === 'verdict'
        ? glossa().setVerdict({ snapshotId, id: stored, verdict: value as 'supported' | null })
        : glossa().updateAnnotation({ snapshotId, id: stored, patch: name === 'comment' ? { comment: value === null ? '' : String(value) } : { fields: { [name]: value } } });
    };
    return undoStack.perform(call).then(
      () => true,
      (e: unknown) => {
        reportError(e, `Could not save ${name === 'comment' ? 'the comment' : 'the field'}`);
        return false;
      },
    );
  };

  const untag = (tagId: string) =>
    void undoStack.perform(async () => glossa().setAnnotationTags({ snapshotId, id: await storedId(id), remove: [tagId] })).catch((e: unknown) => reportError(e, 'Could not remove the tag'));
  const unlink = (rel: string, targetId: string) =>
    void undoStack.perform(async () => glossa().removeLink({ snapshotId, id: await storedId(id), rel, targetId })).catch((e: unknown) => reportError(e, 'Could not remove the link'));

  const label = KIND_LABEL[annotation.kind].toLowerCase();
  const { start, end } = annotation.target.position;
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const outgoing = annotation.links.filter((l) => l.rel !== 'previous-version');
  const incoming = annotations.flatMap((a) => a.links.filter((l) => l.annotationId === id && l.rel !== 'previous-version').map((l) => ({ rel: l.rel, from: a })));

  return (
    <div className="annotation-editor" role="group" aria-label={`Edit ${label}`} aria-busy={pending}>
      {annotation.kind === 'figure' ? <FigureExtras annotation={annotation} analysis={figures} onAccept={() => onAccept(annotation)} /> : null}
      <div className={`editor-fields editor-${annotation.kind}`}>
        {specs.map((spec, i) => {
          const ref = i === 0 ? firstRef : spec.name === 'verdict' ? verdictRef : undefined;
          const value = annotation.fields[spec.name as keyof Annotation['fields']] as FieldValue | undefined;
          if (spec.type === 'speaker') {
            return <SpeakerField key={spec.name} snapshotId={snapshotId} annotationId={id} value={value as string | null} label={spec.label} placeholder={spec.placeholder} onDone={onDone} inputRef={ref} />;
          }
          return <Field key={spec.name} spec={spec} value={value} onCommit={(v) => save(spec.name, v)} onDone={onDone} inputRef={ref} />;
        })}
      </div>
      {annotation.kind === 'claim' && !pending ? <ClaimExtras annotation={annotation} /> : null}
      <section className="editor-section" aria-label="Tags">
        <h3 className="section-title">Tags</h3>
        <div className="chip-row">
          {annotation.tags.map((t) => (
            <TagChip key={t} tag={tags.find((x) => x.id === t)} fallbackId={t} onRemove={() => untag(t)} />
          ))}
          <button type="button" className="button button-small" onClick={onPickTags} disabled={pending} aria-keyshortcuts="T">
            Add tag <kbd>T</kbd>
          </button>
        </div>
      </section>
      <section className="editor-section" aria-label="Links">
        <h3 className="section-title">Links</h3>
        {outgoing.length || incoming.length ? (
          <ul className="link-list">
            {outgoing.map((l) => {
              const other = byId.get(l.annotationId);
              return (
                <li key={`o-${l.rel}-${l.annotationId}`}>
                  <span className="muted">This {label} {relationLabel(l.rel)} </span>
                  {other ? (
                    <button type="button" className="link-button" onClick={() => onSelect(other.id)}>
                      {KIND_LABEL[other.kind].toLowerCase()} “{clip(other.target.quote.exact)}”
                    </button>
                  ) : (
                    <span className="muted">an annotation not in this article (or in the trash)</span>
                  )}
                  <button type="button" className="chip-remove" aria-label={`Remove link: ${relationLabel(l.rel)} ${other ? clip(other.target.quote.exact, 30) : ''}`} onClick={() => unlink(l.rel, l.annotationId)}>
                    ×
                  </button>
                </li>
              );
            })}
            {incoming.map(({ rel, from }) => (
              <li key={`i-${rel}-${from.id}`}>
                <span className="muted">{relationLabel(rel, true)} </span>
                <button type="button" className="link-button" onClick={() => onSelect(from.id)}>
                  {KIND_LABEL[from.kind].toLowerCase()} “{clip(from.target.quote.exact)}”
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="button button-small" onClick={onLink} disabled={pending} aria-keyshortcuts="L">
          Link to… <kbd>L</kbd>
        </button>
      </section>
      <div className="editor-fields">
        <Field spec={COMMENT} value={annotation.comment} onCommit={(value) => save('comment', value)} onDone={onDone} inputRef={specs.length === 0 ? firstRef : undefined} />
      </div>
      <div className="editor-footer">
        <span className="editor-meta" title={`Created ${formatDate(annotation.createdAt, true)}, edited ${formatDate(annotation.updatedAt, true)}. Shift+←/→ moves the end by a word, Shift+Alt+←/→ the start.`}>
          Characters {start.toLocaleString()}–{end.toLocaleString()}
        </span>
        <button type="button" className="button button-danger button-small" onClick={() => onDelete(annotation)} disabled={pending}>
          Delete {label}
        </button>
      </div>
    </div>
  );
}
