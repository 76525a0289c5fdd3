/**
 * The selected annotation's form: its kind's fields (the speaker from the registry, the
 * verdict with its history), what the text gives a figure, codebook tags, links to other
 * annotations, a comment, and delete.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Annotation, AnnotationFields, SnapshotImage, Speaker } from '../../../core/model';
import { annotationText } from '../../ui/annotationText';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { formatDate } from '../../ui/format';
import { commonMessages } from '../../i18n/common';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages, type AnnotateMessages } from './messages';
import { TagChip } from '../../ui/TagChip';
import { useCodebook } from '../codebook/useCodebook';
import { useSpeakers } from '../speakers/useSpeakers';
import { ClaimExtras } from './ClaimExtras';
import { Field, type FieldValue } from './Field';
import { fieldsOf, type FieldSpec } from './fields';
import { FigureExtras } from './FigureExtras';
import { relationLabel } from './LinkDialog';
import { SpeakerField } from './SpeakerField';
import { review } from '../suggest/actions';
import { confidenceText, isPending } from '../suggest/queue';
import { inOrder, isUnsaved } from './saving';
import { authorshipLine, authorTitle } from './authorship';
import type { FigureAnalysis } from './useFigures';
import { AnnotationHistory } from '../sync/AnnotationHistory';

type Focusable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Props {
  annotation: Annotation;
  /** Every live annotation of the snapshot, for links in both directions. */
  annotations: readonly Annotation[];
  images?: readonly SnapshotImage[];
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

const percent = (v: number) => `${Math.round(v * 100)}%`;
/** The part of an image a figure marks, in words. */
const areaText = (m: AnnotateMessages, r: { x: number; y: number; w: number; h: number } | null) =>
  r ? m.area(percent(r.x), percent(r.y), percent(r.w), percent(r.h)) : m.wholeImage;

/** The registered role of the speaker a quote names (by name or alias), or null. */
function roleOf(speakers: readonly Speaker[], name: string | null | undefined): string | null {
  const key = name?.trim().toLocaleLowerCase();
  if (!key) return null;
  const found = speakers.find((s) => [s.name, ...s.aliases].some((n) => n.trim().toLocaleLowerCase() === key));
  return found?.role ?? null;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function AnnotationEditor({
  annotation,
  annotations,
  images,
  focusToken,
  verdictToken,
  figures,
  onDone,
  onDelete,
  onAccept,
  onPickTags,
  onLink,
  onSelect,
}: Props) {
  const m = useMessages(annotateMessages);
  const c = useMessages(commonMessages);
  const comment: FieldSpec = { name: 'comment', label: m.comment, type: 'textarea', placeholder: m.commentPlaceholder };
  const firstRef = useRef<Focusable | null>(null);
  const verdictRef = useRef<Focusable | null>(null);
  const { tags } = useCodebook();
  const { speakers } = useSpeakers();
  const specs = fieldsOf(annotation.kind);
  const { snapshotId, id } = annotation;
  const pending = isUnsaved(id);
  /** A suggestion not yet reviewed: saving one of its fields accepts it with that change. */
  const suggestion = isPending(annotation);

  // Focus moves in the same task as the key that asked for it, so what is typed next lands in
  // the field (not on the article as more shortcuts). Its text is selected, as Tab would, so
  // typing replaces a value read from the text. Scrolling waits until the frame is painted: it lays out.
  useLayoutEffect(() => {
    const field = firstRef.current;
    if (focusToken <= 0 || !field) return;
    field.focus({ preventScroll: true });
    // (An empty field has nothing to select; select() would lay out the page in this task.)
    if (!(field instanceof HTMLSelectElement) && field.value !== '') field.select();
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => field.scrollIntoView({ block: 'nearest' }), 0);
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
    // Typed before the new annotation's save returned: the edit waits for it.
    if (suggestion && name !== 'comment' && name !== 'verdict') {
      return review(snapshotId, [id], 'accept', { [name]: value } as Partial<AnnotationFields>).then(
        () => true,
        (e: unknown) => {
          reportError(e, messagesNow(annotateMessages).couldNotSaveAndAccept);
          return false;
        },
      );
    }
    const call = () =>
      inOrder(id, () =>
        name === 'verdict'
          ? glossa().setVerdict({ snapshotId, id, verdict: value as 'supported' | null })
          : // A quote's role also goes to its registered speaker when they have none (core/api/speakers.ts).
            name === 'speakerRole' && annotation.kind === 'quote'
            ? glossa().setQuoteRole({ snapshotId, id, role: value === null ? null : String(value) })
            : glossa().updateAnnotation({
                snapshotId,
                id,
                patch: name === 'comment' ? { comment: value === null ? '' : String(value) } : { fields: { [name]: value } },
              }),
      );
    return undoStack.perform(call).then(
      () => true,
      (e: unknown) => {
        reportError(e, name === 'comment' ? messagesNow(annotateMessages).couldNotSaveComment : messagesNow(annotateMessages).couldNotSaveField);
        return false;
      },
    );
  };

  const untag = (tagId: string) =>
    void undoStack
      .perform(() => inOrder(id, () => glossa().setAnnotationTags({ snapshotId, id, remove: [tagId] })))
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotRemoveTag));
  const unlink = (rel: string, targetId: string) =>
    void undoStack
      .perform(() => inOrder(id, () => glossa().removeLink({ snapshotId, id, rel, targetId })))
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotRemoveLink));

  // The speaker's registered role, offered on a quote that has none (their next quote).
  const registeredRole = annotation.kind === 'quote' && !annotation.fields.speakerRole ? roleOf(speakers, annotation.fields.speaker) : null;

  const label = c.kindName[annotation.kind];
  const { start, end } = annotation.target.position;
  // One pass over the article's annotations (there may be thousands): only linked ones are looked at.
  const outgoing = annotation.links.filter((l) => l.rel !== 'previous-version');
  const byId = new Map<string, Annotation>();
  const incoming: { rel: string; from: Annotation }[] = [];
  const wanted = new Set(outgoing.map((l) => l.annotationId));
  for (const a of annotations) {
    if (wanted.has(a.id)) byId.set(a.id, a);
    for (const l of a.links) if (l.annotationId === id && l.rel !== 'previous-version') incoming.push({ rel: l.rel, from: a });
  }

  return (
    <div className="annotation-editor" role="group" aria-label={m.editKind(label)} aria-busy={pending}>
      {annotation.origin.type === 'suggested' ? <OriginNote annotation={annotation} /> : null}
      {annotation.kind === 'figure' ? <FigureExtras annotation={annotation} analysis={figures} onAccept={() => onAccept(annotation)} /> : null}
      <div className={`editor-fields editor-${annotation.kind}`}>
        {specs.map((spec, i) => {
          const ref = i === 0 ? firstRef : spec.name === 'verdict' ? verdictRef : undefined;
          const value = annotation.fields[spec.name as keyof Annotation['fields']] as FieldValue | undefined;
          if (spec.type === 'speaker') {
            return (
              <SpeakerField
                key={spec.name}
                snapshotId={snapshotId}
                annotationId={id}
                value={value as string | null}
                label={spec.label}
                placeholder={spec.placeholder}
                onDone={onDone}
                inputRef={ref}
                acceptsSuggestion={suggestion}
              />
            );
          }
          return (
            <Field
              key={spec.name}
              spec={spec}
              value={value}
              onCommit={(v) => save(spec.name, v)}
              onDone={onDone}
              inputRef={ref}
              suggestion={spec.name === 'speakerRole' && registeredRole ? { value: registeredRole, label: m.registeredRole } : undefined}
            />
          );
        })}
      </div>
      {annotation.kind === 'claim' && !pending ? <ClaimExtras annotation={annotation} /> : null}
      <section className="editor-section" aria-label={m.tags}>
        <h3 className="section-title">{m.tags}</h3>
        <div className="chip-row">
          {annotation.tags.map((t) => (
            <TagChip key={t} tag={tags.find((x) => x.id === t)} fallbackId={t} onRemove={() => untag(t)} />
          ))}
          <button type="button" className="button button-small" onClick={onPickTags} disabled={pending} aria-keyshortcuts="T">
            {m.addTag} <kbd>T</kbd>
          </button>
        </div>
      </section>
      <section className="editor-section" aria-label={m.links}>
        <h3 className="section-title">{m.links}</h3>
        {outgoing.length || incoming.length ? (
          <ul className="link-list">
            {outgoing.map((l) => {
              const other = byId.get(l.annotationId);
              return (
                <li key={`o-${l.rel}-${l.annotationId}`}>
                  <span className="muted">{m.thisLinks(label, relationLabel(l.rel))} </span>
                  {other ? (
                    <button type="button" className="link-button" onClick={() => onSelect(other.id)}>
                      {c.kindName[other.kind]} “{clip(annotationText(other, images))}”
                    </button>
                  ) : (
                    <span className="muted">{m.linkElsewhere}</span>
                  )}
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={m.removeLink(relationLabel(l.rel), other ? clip(annotationText(other, images), 30) : '')}
                    onClick={() => unlink(l.rel, l.annotationId)}
                  >
                    ×
                  </button>
                </li>
              );
            })}
            {incoming.map(({ rel, from }) => (
              <li key={`i-${rel}-${from.id}`}>
                <span className="muted">{relationLabel(rel, true)} </span>
                <button type="button" className="link-button" onClick={() => onSelect(from.id)}>
                  {c.kindName[from.kind]} “{clip(annotationText(from, images))}”
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="button button-small" onClick={onLink} disabled={pending} aria-keyshortcuts="L">
          {m.linkTo} <kbd>L</kbd>
        </button>
      </section>
      <div className="editor-fields">
        <Field
          spec={comment}
          value={annotation.comment}
          onCommit={(value) => save('comment', value)}
          onDone={onDone}
          inputRef={specs.length === 0 ? firstRef : undefined}
        />
      </div>
      <Authorship annotation={annotation} />
      <AnnotationHistory snapshotId={annotation.snapshotId} annotationId={annotation.id} />
      <div className="editor-footer">
        {annotation.target.image ? (
          <span className="editor-meta" title={m.createdEdited(formatDate(annotation.createdAt, true), formatDate(annotation.updatedAt, true))}>
            {annotationText(annotation, images)}: {areaText(m, annotation.target.image.rect)}
          </span>
        ) : (
          <span className="editor-meta" title={m.createdEdited(formatDate(annotation.createdAt, true), formatDate(annotation.updatedAt, true)) + m.moveEnds}>
            {m.characters(start.toLocaleString(), end.toLocaleString())}
          </span>
        )}
        <button type="button" className="button button-danger button-small" onClick={() => onDelete(annotation)} disabled={pending}>
          {m.deleteKind(label)}
        </button>
      </div>
    </div>
  );
}

/** Who added and who last changed the annotation (their names from Settings); nothing when it names no one. */
function Authorship({ annotation: a }: { annotation: Annotation }) {
  const line = authorshipLine(a);
  if (!line) return null;
  const people = [a.createdBy, a.modifiedBy].flatMap((p) => (p ? [authorTitle(p)] : []));
  return (
    <p className="editor-authorship" title={[...new Set(people)].join(', ')}>
      {line}
    </p>
  );
}

/** Where a suggested annotation came from, and what saving does while it waits for review. */
function OriginNote({ annotation: a }: { annotation: Annotation }) {
  const m = useMessages(annotateMessages);
  const confidence = confidenceText(a);
  const by = `${a.origin.detector ?? m.aDetector}${confidence ? m.withConfidence(confidence) : ''}`;
  return <p className="editor-origin">{isPending(a) ? m.suggestedPending(by) : m.suggestedAccepted(by)}</p>;
}
