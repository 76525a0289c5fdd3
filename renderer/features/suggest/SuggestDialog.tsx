/**
 * "Suggest…": which kinds the detectors look for in this article (all three unless unticked).
 * What they find is stored as suggestions to review; nothing a person tagged is touched.
 */
import { useEffect, useState } from 'react';
import { glossa } from '../../glossa';
import type { Annotation } from '../../../core/model';
import { useMessages } from '../../i18n';
import { FormDialog } from '../../ui/FormDialog';
import { useBusyAction } from '../../ui/useBusyAction';
import { suggest } from './actions';
import { suggestMessages } from './messages';
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
  const m = useMessages(suggestMessages);
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
      title={m.suggestAnnotations}
      formId="suggest-form"
      submitLabel={busy ? m.suggesting : m.suggest}
      canSubmit={kinds.size > 0}
      busy={busy}
      error={error ?? (kinds.size === 0 ? m.tickOneKind : null)}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="suggest-intro">{m.intro}</p>
      <fieldset className="suggest-kinds">
        <legend>{m.lookFor}</legend>
        {SUGGESTED_KINDS.map((kind, i) => (
          <label key={kind} className="check-row">
            <input type="checkbox" checked={kinds.has(kind)} onChange={(e) => toggle(kind, e.target.checked)} data-autofocus={i === 0 ? true : undefined} />
            {m.kindsLabel[kind]} <span className="muted">{m.hint[kind]}</span>
          </label>
        ))}
      </fieldset>
      {onImport !== null ? (
        <label className="check-row">
          <input type="checkbox" checked={onImport} onChange={(e) => saveOnImport(e.target.checked)} />
          {m.suggestOnImport}
        </label>
      ) : null}
    </FormDialog>
  );
}
