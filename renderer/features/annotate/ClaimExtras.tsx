/**
 * A claim's verdict history (every verdict set, dated, with the note saying why), a form to
 * change the verdict with a note, and its evidence: web addresses and links to annotations in
 * other snapshots of the library, each with a note.
 */
import { useEffect, useState } from 'react';
import type { Annotation, SnapshotSummary, Verdict } from '../../../core/model';
import type { OpOutput } from '../../../core/api';
import { reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field } from '../../ui/Field';
import { InlineError } from '../../ui/InlineError';
import { formatDate } from '../../ui/format';
import { KindBadge } from '../../ui/KindBadge';
import { useBusyAction } from '../../ui/useBusyAction';
import { inOrder } from './saving';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

/** A web address, as the placeholder of the evidence address (the same in every language). */
const URL_PLACEHOLDER = 'https://…';

type EvidenceItem = NonNullable<Annotation['fields']['evidence']>[number];

/** The verdicts a claim can have, in the order the form offers them (stored values; their labels are in the messages). */
const VERDICTS = ['unverified', 'supported', 'disputed', 'false', 'misleading', 'unsupported'] as const;
/** A verdict's label in the window's language at the time of the call. */
export const verdictLabel = (v: string | null | undefined) => {
  const labels = messagesNow(annotateMessages).verdict;
  return v ? (labels[v] ?? v) : labels.unverified!;
};

export function ClaimExtras({ annotation }: { annotation: Annotation }) {
  const m = useMessages(annotateMessages);
  const history = annotation.fields.verdictHistory ?? [];
  const evidence = annotation.fields.evidence ?? [];
  const [picking, setPicking] = useState(false);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');

  const save = (next: EvidenceItem[]) =>
    undoStack.perform(() => inOrder(annotation.id, () => glossa().setEvidence({ snapshotId: annotation.snapshotId, id: annotation.id, evidence: next })));

  const addUrl = () => {
    if (!url.trim() && !note.trim()) return;
    save([...evidence, { url: url.trim() || null, snapshotId: null, annotationId: null, note: note.trim() }]).then(
      () => {
        setUrl('');
        setNote('');
      },
      (e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotAddEvidence),
    );
  };

  return (
    <div className="claim-extras">
      <section aria-label={m.verdictHistory} className="editor-section">
        <h3 className="section-title">{m.verdictHistory}</h3>
        {history.length === 0 ? (
          // Only a verdict set before histories were kept has no date.
          <p className="muted small">{annotation.fields.verdict ? m.verdictUndated(verdictLabel(annotation.fields.verdict)) : m.noVerdictYet}</p>
        ) : (
          <ol className="history-list">
            {history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <time dateTime={h.at}>{formatDate(h.at, true)}</time> <strong>{verdictLabel(h.verdict)}</strong>
                {h.note ? <span className="muted"> — {h.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
        <VerdictForm claim={annotation} />
      </section>
      <section aria-label={m.evidence} className="editor-section">
        <h3 className="section-title">{m.evidence}</h3>
        {evidence.length ? <EvidenceList claim={annotation} evidence={evidence} onSave={save} /> : <p className="muted small">{m.noneYet}</p>}
        <div className="evidence-add">
          <Field id={`ev-url-${annotation.id}`} label={m.evidenceAddress}>
            <input
              id={`ev-url-${annotation.id}`}
              type="url"
              placeholder={URL_PLACEHOLDER}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), addUrl())}
            />
          </Field>
          <Field id={`ev-note-${annotation.id}`} label={m.evidenceNote}>
            <input
              id={`ev-note-${annotation.id}`}
              type="text"
              placeholder={m.evidenceNotePlaceholder}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), addUrl())}
            />
          </Field>
          <div className="evidence-buttons">
            <button type="button" className="button button-small" onClick={addUrl} disabled={!url.trim() && !note.trim()}>
              {m.addEvidence}
            </button>
            <button type="button" className="button button-small" onClick={() => setPicking(true)}>
              {m.linkAnAnnotation}
            </button>
          </div>
        </div>
      </section>
      {picking ? <EvidencePicker claim={annotation} onAdd={(item) => save([...evidence, item])} onClose={() => setPicking(false)} /> : null}
    </div>
  );
}

/** A new verdict with the reason for it: the note is kept in the history beside the date. */
function VerdictForm({ claim }: { claim: Annotation }) {
  const m = useMessages(annotateMessages);
  const current = claim.fields.verdict ?? '';
  const [verdict, setVerdict] = useState<string>(current);
  const [note, setNote] = useState('');
  useEffect(() => setVerdict(current), [current, claim.id]);
  const record = () =>
    undoStack
      .perform(() => glossa().setVerdict({ snapshotId: claim.snapshotId, id: claim.id, verdict: (verdict || null) as Verdict | null, note: note.trim() }))
      .then(
        () => setNote(''),
        (e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotRecordVerdict),
      );
  return (
    <div className="evidence-add">
      <Field id={`verdict-new-${claim.id}`} label={m.newVerdict}>
        <select id={`verdict-new-${claim.id}`} value={verdict} onChange={(e) => setVerdict(e.target.value)}>
          <option value="">{m.noVerdict}</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {m.verdict[v]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`verdict-note-${claim.id}`} label={m.verdictWhy}>
        <input
          id={`verdict-note-${claim.id}`}
          type="text"
          placeholder={m.verdictWhyPlaceholder}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), record())}
        />
      </Field>
      <div className="evidence-buttons">
        <button type="button" className="button button-small" onClick={record}>
          {m.recordVerdict}
        </button>
      </div>
    </div>
  );
}

function EvidenceList({ claim, evidence, onSave }: { claim: Annotation; evidence: EvidenceItem[]; onSave(next: EvidenceItem[]): Promise<unknown> }) {
  const m = useMessages(annotateMessages);
  const [refs, setRefs] = useState<OpOutput<'resolveAnnotationRefs'>>([]);
  const key = evidence.map((e) => `${e.snapshotId}/${e.annotationId}`).join(',');
  useEffect(() => {
    let live = true;
    const wanted = evidence.filter((e) => e.snapshotId).map((e) => ({ snapshotId: e.snapshotId!, annotationId: e.annotationId }));
    if (wanted.length === 0) return;
    glossa()
      .resolveAnnotationRefs({ refs: wanted })
      .then((r) => live && setRefs(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);

  const remove = (i: number) =>
    void onSave(evidence.filter((_, j) => j !== i)).catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotRemoveEvidence));
  return (
    <ul className="evidence-list" aria-label={m.evidenceFor(claim.target.quote.exact.slice(0, 40))}>
      {evidence.map((e, i) => {
        const ref = e.snapshotId ? refs.find((r) => r.snapshotId === e.snapshotId && r.annotationId === e.annotationId) : undefined;
        return (
          <li key={i} className="evidence-item">
            {e.url ? (
              <a href={e.url} target="_blank" rel="noreferrer noopener" className="evidence-url">
                {e.url}
              </a>
            ) : e.snapshotId ? (
              <a href={hrefFor({ view: 'reader', snapshotId: e.snapshotId, ...(e.annotationId ? { annotationId: e.annotationId } : {}) })}>
                {ref && ref.found ? (
                  <>
                    {ref.snapshotTitle}
                    {ref.exact ? <span className="excerpt">{m.citedExcerpt(ref.exact.slice(0, 80))}</span> : null}
                    {ref.deleted ? <span className="muted">{m.inTheTrash}</span> : null}
                  </>
                ) : ref ? (
                  m.snapshotGone
                ) : (
                  m.linkedAnnotation
                )}
              </a>
            ) : null}
            {e.note ? <span className="evidence-note">{e.note}</span> : null}
            <button type="button" className="chip-remove" aria-label={m.removeEvidence(i + 1)} onClick={() => remove(i)}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Choose an annotation of another snapshot as evidence. */
function EvidencePicker({ claim, onAdd, onClose }: { claim: Annotation; onAdd(item: EvidenceItem): Promise<unknown>; onClose(): void }) {
  const [rows, setRows] = useState<SnapshotSummary[]>([]);
  const [snapshotId, setSnapshotId] = useState('');
  const [list, setList] = useState<Annotation[]>([]);
  const [chosen, setChosen] = useState<string>('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useBusyAction();
  const m = useMessages(annotateMessages);

  useEffect(() => {
    glossa()
      .listSnapshots({})
      .then((all) => {
        const others = all.filter((r) => r.id !== claim.snapshotId);
        setRows(others);
        setSnapshotId(others[0]?.id ?? '');
      })
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotListLibrary));
  }, [claim.snapshotId]);
  useEffect(() => {
    if (!snapshotId) return;
    let live = true;
    glossa()
      .listAnnotations({ snapshotId })
      .then((l) => {
        if (!live) return;
        setList(l);
        setChosen('');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [snapshotId]);

  return (
    <Dialog
      title={m.evidenceFromLibrary}
      onClose={onClose}
      wide
      actions={
        <DialogActions
          confirmLabel={m.addEvidence}
          disabled={busy || !snapshotId}
          onCancel={onClose}
          onConfirm={() =>
            void run(async () => {
              await onAdd({ url: null, snapshotId, annotationId: chosen || null, note: note.trim() });
              onClose();
            })
          }
        />
      }
    >
      {rows.length === 0 ? <p className="muted">{m.noOtherSnapshot}</p> : null}
      <div className="form-stack">
        <Field id="ev-snapshot" label={m.snapshot}>
          <select id="ev-snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
            {rows.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title || m.untitled}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="ev-annotations">
          <legend className="field-label">{m.annotationOrWhole}</legend>
          <label className="ev-choice">
            <input type="radio" name="ev-annotation" value="" checked={chosen === ''} onChange={() => setChosen('')} />
            {m.wholeSnapshot}
          </label>
          {list.map((a) => (
            <label key={a.id} className="ev-choice">
              <input type="radio" name="ev-annotation" value={a.id} checked={chosen === a.id} onChange={() => setChosen(a.id)} /> <KindBadge kind={a.kind} />{' '}
              <span className="excerpt">{a.target.quote.exact.slice(0, 100)}</span>
            </label>
          ))}
        </fieldset>
        <Field id="ev-picker-note" label={m.note}>
          <input id="ev-picker-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <InlineError message={error} />
    </Dialog>
  );
}
