/**
 * Settings (Ctrl/Cmd+, or the header's Settings button; the desktop app's menu too): who you
 * are (signs your work when libraries are shared), how the window looks and writes numbers,
 * suggestions on import (the library's own setting), and which library is open.
 * Each change is saved as it is made; a refused value is said at its field and not saved.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { reportError } from '../../app/messages';
import { useStore } from '../../app/store';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { appSettings, chooseAppSetting, saveAppSettings, type AppSettingsView } from './appSettings';
import type { ThemeChoice } from './theme';
import './settings.css';

/** Number formats offered; "system" is the window's own. Any tag core accepts would do; these are the common ones. */
const NUMBER_FORMATS: { tag: string; label: string }[] = [
  { tag: 'system', label: 'As this computer is set' },
  { tag: 'en-GB', label: 'English (UK)' },
  { tag: 'en-US', label: 'English (US)' },
  { tag: 'de-DE', label: 'German' },
  { tag: 'fr-FR', label: 'French' },
  { tag: 'es-ES', label: 'Spanish' },
  { tag: 'it-IT', label: 'Italian' },
  { tag: 'nl-NL', label: 'Dutch' },
  { tag: 'pt-BR', label: 'Portuguese (Brazil)' },
  { tag: 'de-CH', label: 'German (Switzerland)' },
];

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'As the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const EXAMPLE = 1234567.5;

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const settings = useStore(appSettings);
  return (
    <Dialog title="Settings" onClose={onClose} wide>
      {settings ? <SettingsForm settings={settings} /> : <p>Reading your settings…</p>}
    </Dialog>
  );
}

function SettingsForm({ settings }: { settings: AppSettingsView }) {
  const example = (tag: string) => EXAMPLE.toLocaleString(tag === 'system' ? undefined : tag);
  return (
    <div className="settings">
      <Section
        title="You"
        note="Your name and e-mail sign the annotations you make when libraries are shared. They stay on this computer, in your own settings, not in the library."
      >
        <TextSetting label="Your name" type="text" value={settings.name} autoComplete="name" onSave={(name) => saveAppSettings({ name })} />
        <TextSetting label="E-mail" type="email" value={settings.email} autoComplete="email" onSave={(email) => saveAppSettings({ email })} />
      </Section>

      <Section title="Appearance">
        <fieldset className="settings-choices">
          <legend className="field-label">Theme</legend>
          {THEMES.map((t) => (
            <label key={t.value} className="check-row">
              <input
                type="radio"
                name="theme"
                value={t.value}
                checked={settings.theme === t.value}
                onChange={() => chooseAppSetting({ theme: t.value }, 'Could not save the theme')}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">Number format for figures</span>
          <select value={settings.numberFormat} onChange={(e) => chooseAppSetting({ numberFormat: e.target.value }, 'Could not save the number format')}>
            {NUMBER_FORMATS.map((f) => (
              <option key={f.tag} value={f.tag}>
                {f.label} — {example(f.tag)}
              </option>
            ))}
          </select>
        </label>
      </Section>

      <Section title="Suggestions">
        <SuggestOnImport />
      </Section>

      <Section title="Library">
        <p className="settings-library">
          <span className="field-label">Open now</span>
          <code data-testid="library-dir">{settings.library.dir}</code>
        </p>
        {settings.library.canSwitch ? <SwitchLibrary /> : null}
      </Section>
    </div>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note ? <p className="settings-note">{note}</p> : null}
      <div className="form-stack">{children}</div>
    </section>
  );
}

/** A text setting saved when it is left or Enter is pressed; core's refusal is shown under it and the typing kept. */
function TextSetting(props: { label: string; type: 'text' | 'email'; value: string; autoComplete: string; onSave(value: string): Promise<unknown> }) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft === props.value) return;
    props.onSave(draft).then(
      () => {
        setError(null);
        setSaved(true);
      },
      (e: unknown) => {
        setSaved(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        type={props.type}
        value={draft}
        autoComplete={props.autoComplete}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-dirty={draft === props.value ? 'false' : 'true'}
        onChange={(e) => {
          setDraft(e.target.value);
          setSaved(false);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : saved ? (
        <p className="field-saved" aria-live="polite">
          Saved
        </p>
      ) : null}
    </div>
  );
}

/** The library's own setting (it travels with the library), also in the Suggest dialog. */
function SuggestOnImport() {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void glossa()
      .librarySettings({})
      .then((s) => setOn(s.suggestOnImport))
      .catch((e: unknown) => reportError(e, 'Could not read the library’s settings'));
  }, []);
  if (on === null) return null;
  return (
    <label className="check-row">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const next = e.target.checked;
          setOn(next);
          glossa()
            .updateLibrarySettings({ suggestOnImport: next })
            .then((s) => setOn(s.suggestOnImport))
            .catch((err: unknown) => {
              setOn(!next);
              reportError(err, 'Could not save the setting');
            });
        }}
      />
      Suggest quotes, claims and figures in every article imported into this library
    </label>
  );
}

/** Desktop app only: the shell asks for a folder, opens it, and the window starts again on it. */
function SwitchLibrary() {
  const [busy, setBusy] = useState(false);
  const choose = (kind: 'open' | 'new') => {
    setBusy(true);
    glossa()
      .switchLibrary({ kind })
      .then((result) => {
        if (!result.cancelled) window.location.reload();
      })
      .catch((e: unknown) => reportError(e, kind === 'new' ? 'Could not create the library' : 'Could not open the library'))
      .finally(() => setBusy(false));
  };
  return (
    <div className="toolbar-group">
      <button type="button" className="button" disabled={busy} onClick={() => choose('open')}>
        Open another library…
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => choose('new')}>
        New library…
      </button>
    </div>
  );
}
