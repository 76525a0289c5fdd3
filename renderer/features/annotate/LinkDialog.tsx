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

export const RELATIONS = [
  { value: 'supports', label: 'supports', inverse: 'supported by' },
  { value: 'contradicts', label: 'contradicts', inverse: 'contradicted by' },
  { value: 'contains', label: 'contains', inverse: 'contained in' },
  { value: 'about', label: 'is about', inverse: 'discussed by' },
] as const;

export const relationLabel = (rel: string, incoming = false): string => {
  const r = RELATIONS.find((x) => x.value === rel);
  if (!r) return rel === 'previous-version' ? (incoming ? 'carried into' : 'carried from the earlier version') : rel;
  return incoming ? r.inverse : r.label;
};

/** A sensible first relation: figures support claims, quotes contain them. */
function defaultRelation(from: Annotation): (typeof RELATIONS)[number]['value'] {
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
    <Dialog title="Link to another annotation" onClose={onClose} wide>
      <div className="link-form">
        <p className="excerpt">“{clip(textOf(from))}”</p>
        <Field id="link-rel" label="Relation">
          <select id="link-rel" value={rel} onChange={(e) => setRel(e.target.value)}>
            {RELATIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="link-filter" label="The other annotation (type part of its text)">
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
      <ul id="link-options" role="listbox" aria-label="Annotations to link to" className="picker-list">
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
        {shown.length === 0 ? <li className="muted">No other annotation matches.</li> : null}
      </ul>
      <InlineError message={error} />
    </Dialog>
  );
}
