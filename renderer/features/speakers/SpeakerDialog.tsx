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
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useBusyAction } from '../../ui/useBusyAction';
import { speakersMessages } from './messages';

interface Props {
  speaker: Speaker | null;
  speakers: Speaker[];
  onClose(): void;
}

export function SpeakerDialog({ speaker, speakers, onClose }: Props) {
  const m = useMessages(speakersMessages);
  const common = useMessages(commonMessages);
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
      const details = {
        name,
        aliases: aliases
          .split(/[;\n]/)
          .map((a) => a.trim())
          .filter(Boolean),
        role: role || null,
        organisation: organisation || null,
      };
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
    <FormDialog
      title={speaker ? m.editSpeakerTitle(speaker.name) : m.newSpeakerTitle}
      formId="speaker-form"
      submitLabel={speaker ? common.save : m.addSpeaker}
      canSubmit={name.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
      after={
        speaker ? (
          <div className="danger-zone">
            <Field id="speaker-merge" label={m.samePerson}>
              <select id="speaker-merge" value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
                <option value="">{m.chooseSpeaker}</option>
                {speakers
                  .filter((s) => s.id !== speaker.id)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </select>
            </Field>
            <button type="button" className="button button-small" disabled={busy || !mergeInto} onClick={() => void merge()}>
              {m.mergeInto}
            </button>
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void remove()}>
              {m.removeFromRegistry}
            </button>
            <p className="muted small">{m.mergeNote}</p>
          </div>
        ) : null
      }
    >
      <Field id="speaker-name" label={m.name}>
        <input id="speaker-name" type="text" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
      </Field>
      {renamed ? (
        <label className="check">
          <input type="checkbox" checked={renameQuotes} onChange={(e) => setRenameQuotes(e.target.checked)} />
          {m.renameQuotes(speaker.name)}
        </label>
      ) : null}
      <Field id="speaker-aliases" label={m.aliasesField}>
        <input id="speaker-aliases" type="text" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </Field>
      <Field id="speaker-role" label={m.role}>
        <input id="speaker-role" type="text" value={role} onChange={(e) => setRole(e.target.value)} />
      </Field>
      <Field id="speaker-org" label={m.organisation}>
        <input id="speaker-org" type="text" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
