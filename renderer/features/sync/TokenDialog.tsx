/**
 * A new access token for the remote (the host refused the old one, or it was never given):
 * kept by the shell's keychain, then the library syncs with it at once, so the dialog closes
 * only when the token works.
 */
import { useId, useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';
import { Field } from '../../ui/Field';
import { replaceToken } from './syncState';

export function TokenDialog({ remote, onClose, onSynced }: { remote: string; onClose(): void; onSynced(): void }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    setBusy(true);
    setError(null);
    replaceToken(token.trim()).then(onSynced, (e: unknown) => {
      setBusy(false);
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  return (
    <FormDialog
      title="New access token"
      formId={`${id}-form`}
      submitLabel={busy ? 'Syncing…' : 'Save and sync'}
      canSubmit={token.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="sync-note">
        Make a new token with read and write access to <code>{remote}</code> on the git host and paste it here. It is kept in this computer’s system keychain,
        never in the library.
      </p>
      <Field id={`${id}-token`} label="Access token">
        <input
          id={`${id}-token`}
          type="password"
          value={token}
          autoFocus
          data-autofocus
          spellCheck={false}
          autoComplete="off"
          disabled={busy}
          onChange={(e) => setToken(e.target.value)}
        />
      </Field>
    </FormDialog>
  );
}
