/** The shortcut sheet (?): every key that works where the user is, grouped, read from the keyboard map. */
import { currentShortcuts, useShortcutsVersion } from '../app/keyboard';
import { Dialog } from './Dialog';
import './workbench-ui.css';

/** Keys handled inside fields and lists rather than by the keyboard map. */
const FIELD_KEYS = [
  { group: 'Fields', label: 'Save the field and go back to the article', keys: ['Enter', 'Ctrl+Enter (notes)'] },
  { group: 'Fields', label: 'Put back the saved value and go back to the article', keys: ['Esc'] },
  { group: 'Fields', label: 'Next field', keys: ['Tab'] },
  { group: 'Fields', label: 'Pick a speaker from the list', keys: ['↓ ↑', 'Enter'] },
];

export function ShortcutSheet({ onClose }: { onClose(): void }) {
  useShortcutsVersion();
  const rows = [...currentShortcuts(), ...FIELD_KEYS];
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
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
                          {i > 0 ? <span className="shortcut-or"> or </span> : null}
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
