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
import { messagesNow, useMessages } from '../../i18n';
import { appSettings, chooseAppSetting, saveAppSettings, type AppSettingsView } from './appSettings';
import type { ThemeChoice } from './theme';
import { LANGUAGE_NAMES, INTERFACE_LANGUAGES } from '../../../core/common/languages';
import { settingsMessages, type OfferedNumberFormat } from './messages';
import './settings.css';

/** Number formats offered; "system" is the window's own. Any tag core accepts would do; these are the common ones (labels in settingsMessages). */
const NUMBER_FORMATS: readonly ('system' | OfferedNumberFormat)[] = ['system', 'en-GB', 'en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'de-CH'];

const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const EXAMPLE = 1234567.5;

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const m = useMessages(settingsMessages);
  const settings = useStore(appSettings);
  return (
    <Dialog title={m.title} onClose={onClose} wide>
      {settings ? <SettingsForm settings={settings} /> : <p>{m.reading}</p>}
    </Dialog>
  );
}

function SettingsForm({ settings }: { settings: AppSettingsView }) {
  const m = useMessages(settingsMessages);
  const example = (tag: string) => EXAMPLE.toLocaleString(tag === 'system' ? undefined : tag);
  return (
    <div className="settings">
      <Section title={m.you} note={m.youNote}>
        <TextSetting label={m.yourName} type="text" value={settings.name} autoComplete="name" onSave={(name) => saveAppSettings({ name })} />
        <TextSetting label={m.email} type="email" value={settings.email} autoComplete="email" onSave={(email) => saveAppSettings({ email })} />
      </Section>

      <Section title={m.appearance}>
        <fieldset className="settings-choices">
          <legend className="field-label">{m.theme}</legend>
          {THEMES.map((t) => (
            <label key={t} className="check-row">
              <input
                type="radio"
                name="theme"
                value={t}
                checked={settings.theme === t}
                onChange={() => chooseAppSetting({ theme: t }, messagesNow(settingsMessages).couldNotSaveTheme)}
              />
              {m.themes[t]}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{m.language}</span>
          <select
            value={settings.language}
            onChange={(e) => chooseAppSetting({ language: e.target.value as AppSettingsView['language'] }, messagesNow(settingsMessages).couldNotSaveLanguage)}
          >
            <option value="system">{m.asThisComputer}</option>
            {INTERFACE_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.numberFormat}</span>
          <select
            value={settings.numberFormat}
            onChange={(e) => chooseAppSetting({ numberFormat: e.target.value }, messagesNow(settingsMessages).couldNotSaveNumberFormat)}
          >
            {NUMBER_FORMATS.map((tag) => (
              <option key={tag} value={tag}>
                {tag === 'system' ? m.asThisComputer : m.numberFormats[tag]} — {example(tag)}
              </option>
            ))}
          </select>
        </label>
      </Section>

      <Section title={m.suggestions}>
        <SuggestOnImport />
      </Section>

      <Section title={m.library}>
        <p className="settings-library">
          <span className="field-label">{m.openNow}</span>
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
  const m = useMessages(settingsMessages);
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
          {m.saved}
        </p>
      ) : null}
    </div>
  );
}

/** The library's own setting (it travels with the library), also in the Suggest dialog. */
function SuggestOnImport() {
  const m = useMessages(settingsMessages);
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void glossa()
      .librarySettings({})
      .then((s) => setOn(s.suggestOnImport))
      .catch((e: unknown) => reportError(e, messagesNow(settingsMessages).couldNotReadLibrarySettings));
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
              reportError(err, messagesNow(settingsMessages).couldNotSaveSetting);
            });
        }}
      />
      {m.suggestOnImport}
    </label>
  );
}

/** Desktop app only: the shell asks for a folder, opens it, and the window starts again on it. */
function SwitchLibrary() {
  const m = useMessages(settingsMessages);
  const [busy, setBusy] = useState(false);
  const choose = (kind: 'open' | 'new') => {
    setBusy(true);
    glossa()
      .switchLibrary({ kind })
      .then((result) => {
        if (!result.cancelled) window.location.reload();
      })
      .catch((e: unknown) => {
        const now = messagesNow(settingsMessages);
        reportError(e, kind === 'new' ? now.couldNotCreateLibrary : now.couldNotOpenLibrary);
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="toolbar-group">
      <button type="button" className="button" disabled={busy} onClick={() => choose('open')}>
        {m.openAnother}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => choose('new')}>
        {m.newLibrary}
      </button>
    </div>
  );
}
