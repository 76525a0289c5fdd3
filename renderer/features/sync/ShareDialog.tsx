/**
 * Share library…: the repository's HTTPS address and an access token. Sharing an empty library
 * through a repository a colleague already shared fills it from there (a clone); sharing a
 * library with articles sends them. The token goes to the shell, which keeps it in the system
 * keychain; it is never written into the library. Core checks the address; its refusal is
 * said here and the typing kept.
 */
import { useId, useState } from 'react';
import { useStore } from '../../app/store';
import { FormDialog } from '../../ui/FormDialog';
import { Field } from '../../ui/Field';
import { shareLibrary, syncView } from './syncState';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = useStore(syncView).step;

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
      title="Share library…"
      formId={`${id}-form`}
      submitLabel={busy ? (step ? `Sharing… (${step})` : 'Sharing…') : 'Share'}
      canSubmit={url.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="sync-note">
        Your team works on one library through a git repository (GitHub, GitLab, Gitea or your own server). Create an empty repository there and give its
        address. If a colleague has shared a library there already, this library receives everything in it.
      </p>
      <Field id={`${id}-url`} label="Repository address (HTTPS)">
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          placeholder="https://github.com/desk/archive.git"
          disabled={busy}
          onChange={(e) => setUrl(e.target.value)}
        />
      </Field>
      <Field id={`${id}-token`} label="Access token">
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
        A token with read and write access to the repository, made on the git host. Glossa keeps it in this computer’s system keychain, never in the library, so
        it is not shared with the library or in bundles. Leave it empty for a repository that needs none.
      </p>
    </FormDialog>
  );
}
