/**
 * Link the selected annotation to another of the article (L): a relation ("supports",
 * "contains", …) and the other annotation, found by typing part of its text.
 */
import { useState, type KeyboardEvent } from 'react';
import type { Annotation, SnapshotImage } from '../../../core/model';
import { annotationText } from '../../ui/annotationText';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { InlineError } from '../../ui/InlineError';
import { KindBadge } from '../../ui/KindBadge';
import { useBusyAction } from '../../ui/useBusyAction';
import { inOrder, isUnsaved } from './saving';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

/** The relations a link can have (stored values; their words, both ways, are in the messages). */
export const RELATIONS = ['supports', 'contradicts', 'contains', 'about'] as const;

/** A relation in words, in the window's language at the time of the call; `incoming` reads it from the other end. */
export const relationLabel = (rel: string, incoming = false): string => {
  const m = messagesNow(annotateMessages);
  if (!(RELATIONS as readonly string[]).includes(rel)) return rel === 'previous-version' ? (incoming ? m.carriedInto : m.carriedFrom) : rel;
  return (incoming ? m.relationInverse[rel] : m.relation[rel]) ?? rel;
};

/** A sensible first relation: figures support claims, quotes contain them. */
function defaultRelation(from: Annotation): (typeof RELATIONS)[number] {
  return from.kind === 'quote' ? 'contains' : from.kind === 'figure' ? 'supports' : 'about';
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function LinkDialog({
  from,
  annotations,
  images,
  onClose,
}: {
  from: Annotation;
  annotations: Annotation[];
  images?: readonly SnapshotImage[];
  onClose(): void;
}) {
  const m = useMessages(annotateMessages);
  const textOf = (a: Annotation) => annotationText(a, images);
  const [rel, setRel] = useState<string>(defaultRelation(from));
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const { busy, error, run } = useBusyAction();
  const candidates = annotations.filter((a) => a.id !== from.id && !isUnsaved(a.id));
  const preferred = from.kind === 'quote' || from.kind === 'figure' ? 'claim' : null;
  const shown = candidates
    .filter((a) => textOf(a).toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase()))
    .sort((a, b) => Number(b.kind === preferred) - Number(a.kind === preferred));

  const link = (target: Annotation) =>
    run(async () => {
      await undoStack.perform(() =>
        inOrder(from.id, () => glossa().addLink({ snapshotId: from.snapshotId, id: from.id, rel: rel as 'supports', targetId: target.id })),
      );
      onClose();
    });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const t = shown[active];
      if (t) void link(t);
    }
  };

  return (
    <Dialog title={m.linkTitle} onClose={onClose} wide>
      <div className="link-form">
        <p className="excerpt">“{clip(textOf(from))}”</p>
        <Field id="link-rel" label={m.relationLabel}>
          <select id="link-rel" value={rel} onChange={(e) => setRel(e.target.value)}>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {m.relation[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="link-filter" label={m.otherAnnotation}>
          <input
            id="link-filter"
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls="link-options"
            aria-activedescendant={shown[active] ? `link-opt-${shown[active]!.id}` : undefined}
            autoFocus
            autoComplete="off"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </Field>
      </div>
      <ul id="link-options" role="listbox" aria-label={m.linkOptions} className="picker-list">
        {shown.map((a, i) => (
          <li
            key={a.id}
            id={`link-opt-${a.id}`}
            role="option"
            aria-selected={i === active}
            aria-disabled={busy}
            className={i === active ? 'picker-option is-active' : 'picker-option'}
            onClick={() => void link(a)}
          >
            <KindBadge kind={a.kind} />
            <span className="picker-name excerpt">{clip(textOf(a))}</span>
          </li>
        ))}
        {shown.length === 0 ? <li className="muted">{m.noMatch}</li> : null}
      </ul>
      <InlineError message={error} />
    </Dialog>
  );
}
