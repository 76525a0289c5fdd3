/**
 * Add or edit a speaker: name, aliases, role, organisation. A rename keeps the old name as
 * an alias; the dialog asks whether quotes written under the old name take the new one.
 * From here a duplicate can be merged into another speaker, or the speaker removed (their
 * quotes keep the name as text).
 */
import { useState } from 'react';
import type { Speaker } from '../../../core/model';
import { navigate } from '../../app/route';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { useBusyAction } from '../../ui/useBusyAction';

interface Props {
  speaker: Speaker | null;
  speakers: Speaker[];
  onClose(): void;
}

export function SpeakerDialog({ speaker, speakers, onClose }: Props) {
  const [name, setName] = useState(speaker?.name ?? '');
  const [aliases, setAliases] = useState(speaker?.aliases.join('; ') ?? '');
  const [role, setRole] = useState(speaker?.role ?? '');
  const [organisation, setOrganisation] = useState(speaker?.organisation ?? '');
  const [renameQuotes, setRenameQuotes] = useState(true);
  const [mergeInto, setMergeInto] = useState('');
  const { busy, error, run } = useBusyAction();
  const renamed = speaker !== null && name.trim() !== '' && name.trim() !== speaker.name;

  const save = () =>
    run(async () => {
      const details = { name, aliases: aliases.split(/[;\n]/).map((a) => a.trim()).filter(Boolean), role: role || null, organisation: organisation || null };
      if (speaker) await undoStack.perform(() => glossa().updateSpeaker({ id: speaker.id, patch: details, renameQuotes: renamed && renameQuotes }));
      else await undoStack.perform(() => glossa().createSpeaker(details));
      onClose();
    });
  const merge = () =>
    run(async () => {
      if (!speaker || !mergeInto) return;
      await undoStack.perform(() => glossa().mergeSpeakers({ sourceId: speaker.id, targetId: mergeInto }));
      onClose();
      navigate({ view: 'speaker', speakerId: mergeInto });
    });
  const remove = () =>
    run(async () => {
      if (!speaker) return;
      await undoStack.perform(() => glossa().deleteSpeaker({ id: speaker.id }));
      onClose();
      navigate({ view: 'speakers' });
    });

  return (
    <Dialog
      title={speaker ? `Edit speaker “${speaker.name}”` : 'New speaker'}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="speaker-form" className="button button-primary" disabled={busy || !name.trim()}>
            {speaker ? 'Save' : 'Add speaker'}
          </button>
        </>
      }
    >
      <form
        id="speaker-form"
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="speaker-name">
            Name
          </label>
          <input id="speaker-name" type="text" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </div>
        {renamed ? (
          <label className="check">
            <input type="checkbox" checked={renameQuotes} onChange={(e) => setRenameQuotes(e.target.checked)} /> Quotes naming “{speaker.name}” take the new name (the old one stays an alias either way)
          </label>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor="speaker-aliases">
            Also known as (separate with ;)
          </label>
          <input id="speaker-aliases" type="text" value={aliases} onChange={(e) => setAliases(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="speaker-role">
            Role
          </label>
          <input id="speaker-role" type="text" value={role} onChange={(e) => setRole(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="speaker-org">
            Organisation
          </label>
          <input id="speaker-org" type="text" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        </div>
      </form>
      {speaker ? (
        <div className="danger-zone">
          <div className="field">
            <label className="field-label" htmlFor="speaker-merge">
              The same person as
            </label>
            <select id="speaker-merge" value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
              <option value="">(choose a speaker)</option>
              {speakers
                .filter((s) => s.id !== speaker.id)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </div>
          <button type="button" className="button button-small" disabled={busy || !mergeInto} onClick={() => void merge()}>
            Merge into them
          </button>
          <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void remove()}>
            Remove from the registry
          </button>
          <p className="muted small">Merging moves this speaker’s names and quotes to the other. Removing keeps every quote; they keep the name as text.</p>
        </div>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
