/**
 * "Suggest…": which kinds the detectors look for in this article (all three unless unticked).
 * What they find is stored as suggestions to review; nothing a person tagged is touched.
 */
import { useEffect, useState } from 'react';
import { glossa } from '../../glossa';
import { KIND_LABEL } from '../../../core/common/kinds';
import type { Annotation } from '../../../core/model';
import { FormDialog } from '../../ui/FormDialog';
import { useBusyAction } from '../../ui/useBusyAction';
import { suggest } from './actions';
import { SUGGESTED_KINDS, type SuggestedKind } from './queue';

interface Props {
  snapshotId: string;
  onClose(): void;
  /** After a run: what was added (maybe nothing). */
  onSuggested(added: Annotation[]): void;
}

export function SuggestDialog({ snapshotId, onClose, onSuggested }: Props) {
  const [kinds, setKinds] = useState<ReadonlySet<SuggestedKind>>(() => new Set(SUGGESTED_KINDS));
  const { busy, error, run } = useBusyAction();
  // The library's own setting, saved as soon as it is ticked (not part of this run).
  const [onImport, setOnImport] = useState<boolean | null>(null);
  useEffect(() => {
    void glossa()
      .librarySettings({})
      .then((s) => setOnImport(s.suggestOnImport))
      .catch(() => setOnImport(null));
  }, []);
  const saveOnImport = (on: boolean) => {
    setOnImport(on);
    void glossa()
      .updateLibrarySettings({ suggestOnImport: on })
      .then((s) => setOnImport(s.suggestOnImport))
      .catch(() => setOnImport(!on));
  };
  const toggle = (kind: SuggestedKind, on: boolean) =>
    setKinds((set) => {
      const next = new Set(set);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
  const submit = () =>
    void run(async () => {
      const added = await suggest(
        snapshotId,
        SUGGESTED_KINDS.filter((k) => kinds.has(k)),
      );
      onSuggested(added);
      onClose();
    });

  return (
    <FormDialog
      title="Suggest annotations"
      formId="suggest-form"
      submitLabel={busy ? 'Suggesting…' : 'Suggest'}
      canSubmit={kinds.size > 0}
      busy={busy}
      error={error ?? (kinds.size === 0 ? 'Tick at least one kind to suggest.' : null)}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="suggest-intro">
        Glossa reads the article and suggests what to tag. Nothing is added as yours: each suggestion waits for you to accept, edit or reject it, and your own
        annotations are never moved or changed.
      </p>
      <fieldset className="suggest-kinds">
        <legend>Look for</legend>
        {SUGGESTED_KINDS.map((kind, i) => (
          <label key={kind} className="check-row">
            <input type="checkbox" checked={kinds.has(kind)} onChange={(e) => toggle(kind, e.target.checked)} data-autofocus={i === 0 ? true : undefined} />
            {KIND_LABEL[kind]}s <span className="muted">({HINT[kind]})</span>
          </label>
        ))}
      </fieldset>
      {onImport !== null ? (
        <label className="check-row">
          <input type="checkbox" checked={onImport} onChange={(e) => saveOnImport(e.target.checked)} />
          Also suggest on every article imported into this library
        </label>
      ) : null}
    </FormDialog>
  );
}

const HINT: Record<SuggestedKind, string> = {
  quote: 'direct and reported speech, with the speaker',
  figure: 'numbers with their units',
  claim: 'check-worthy statements, ranked',
};
