/**
 * Share library…: the repository's HTTPS address and an access token. Sharing an empty library
 * through a repository a colleague already shared fills it from there (a clone); sharing a
 * library with articles sends them. The token goes to the shell, which keeps it in the system
 * keychain; it is never written into the library. Core checks the address; its refusal is
 * said here and the typing kept.
 */
import { useId, useState } from 'react';
import { useStore } from '../../app/store';
import { useMessages } from '../../i18n';
import { FormDialog } from '../../ui/FormDialog';
import { Field } from '../../ui/Field';
import { syncMessages } from './messages';
import { shareLibrary, stepWord, syncView } from './syncState';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = useStore(syncView).step;
  const m = useMessages(syncMessages);

  const submit = () => {
    setBusy(true);
    setError(null);
    shareLibrary(url.trim(), token.trim()).then(
      () => onClose(),
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  return (
    <FormDialog
      title={m.shareLibrary}
      formId={`${id}-form`}
      submitLabel={busy ? (step ? m.sharingStep(stepWord(step, m.steps)) : m.sharing) : m.share}
      canSubmit={url.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="sync-note">{m.shareNote}</p>
      <Field id={`${id}-url`} label={m.repositoryAddress}>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          placeholder={m.addressExample}
          disabled={busy}
          onChange={(e) => setUrl(e.target.value)}
        />
      </Field>
      <Field id={`${id}-token`} label={m.accessToken}>
        <input
          id={`${id}-token`}
          type="password"
          value={token}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-token-note`}
          disabled={busy}
          onChange={(e) => setToken(e.target.value)}
        />
      </Field>
      <p id={`${id}-token-note`} className="sync-note">
        {m.tokenNote}
      </p>
    </FormDialog>
  );
}
