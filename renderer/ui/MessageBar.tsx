/** Non-blocking messages under the toolbar: errors stay until dismissed, notices too. */
import { dismiss, messages } from '../app/messages';
import { useStore } from '../app/store';
import { useMessages } from '../i18n';
import { uiMessages } from './messages';
import './message-bar.css';

/** The sign beside a message (hidden from screen readers, which hear alert or status): the same in every language. */
const ICON = { error: '!', notice: 'i' } as const;

export function MessageBar() {
  const list = useStore(messages);
  const words = useMessages(uiMessages);
  if (list.length === 0) return null;
  return (
    <div className="message-bar">
      {list.map((m) => (
        <div key={m.id} className={`message message-${m.tone}`} role={m.tone === 'error' ? 'alert' : 'status'}>
          <span className="message-icon" aria-hidden="true">
            {ICON[m.tone]}
          </span>
          <span className="message-text">{m.text}</span>
          {m.code ? <code className="message-code">{m.code}</code> : null}
          {m.action ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                dismiss(m.id);
                m.action!.run();
              }}
            >
              {m.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-label={words.dismissMessage} onClick={() => dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
