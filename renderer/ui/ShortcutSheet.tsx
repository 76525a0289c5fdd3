/** The shortcut sheet (?): every key that works where the user is, grouped, read from the keyboard map. */
import { currentShortcuts, useShortcutsVersion } from '../app/keyboard';
import { useMessages, type Translation } from '../i18n';
import { Dialog } from './Dialog';
import { uiMessages } from './messages';
import './workbench-ui.css';

/** Keys handled inside fields and lists rather than by the keyboard map. */
const fieldKeys = (m: Translation<typeof uiMessages.en>) => [
  { group: m.fieldsGroup, label: m.saveField, keys: ['Enter', m.saveFieldNotesKeys] },
  { group: m.fieldsGroup, label: m.revertField, keys: ['Esc'] },
  { group: m.fieldsGroup, label: m.nextField, keys: ['Tab'] },
  { group: m.fieldsGroup, label: m.pickSpeaker, keys: ['↓ ↑', 'Enter'] },
];

export function ShortcutSheet({ onClose }: { onClose(): void }) {
  useShortcutsVersion();
  const m = useMessages(uiMessages);
  const rows = [...currentShortcuts(), ...fieldKeys(m)];
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <Dialog title={m.shortcutsTitle} onClose={onClose} wide>
      <div className="shortcut-groups">
        {groups.map((group, i) => (
          // By index: a group's name has spaces ("Find and select"), and aria-labelledby reads spaces as a list of ids.
          <section key={group} className="shortcut-group" aria-labelledby={`sc-group-${i}`}>
            <h3 id={`sc-group-${i}`}>{group}</h3>
            <dl className="shortcut-list">
              {rows
                .filter((r) => r.group === group)
                .map((r) => (
                  <div key={r.label} className="shortcut-row">
                    <dt>
                      {r.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 ? <span className="shortcut-or">{m.or}</span> : null}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{r.label}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
