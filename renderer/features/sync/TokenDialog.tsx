/**
 * A new access token for the remote (the host refused the old one, or it was never given):
 * kept by the shell's keychain, then the library syncs with it at once, so the dialog closes
 * only when the token works.
 */
import { useId, useState } from 'react';
import { useMessages } from '../../i18n';
import { FormDialog } from '../../ui/FormDialog';
import { Field } from '../../ui/Field';
import { syncMessages } from './messages';
import { replaceToken } from './syncState';

export function TokenDialog({ remote, onClose, onSynced }: { remote: string; onClose(): void; onSynced(): void }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const m = useMessages(syncMessages);

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
      title={m.newAccessToken}
      formId={`${id}-form`}
      submitLabel={busy ? m.syncing : m.saveAndSync}
      canSubmit={token.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="sync-note">
        {m.newTokenNoteBefore}
        <code>{remote}</code>
        {m.newTokenNoteAfter}
      </p>
      <Field id={`${id}-token`} label={m.accessToken}>
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
