/**
 * One editable field of an annotation. Text is saved when the field loses focus or on
 * Enter (Ctrl+Enter in a multi-line field); Escape puts back the saved value. Enter and
 * Escape hand focus back to the article so tagging can go on from the keyboard.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { notify } from '../../app/messages';
import { parseNumber, type FieldSpec } from './fields';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

export type FieldValue = string | number | null;

interface Props {
  spec: FieldSpec;
  value: FieldValue | undefined;
  /** Saves the value; resolves false when the save failed (the typing is kept for another try). */
  onCommit(value: FieldValue): Promise<boolean> | void;
  onDone(): void;
  inputRef?: RefObject<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null>;
  /**
   * A value to offer while the field is empty (a speaker's registered role): shown beside the
   * field, taken with ↓ or a click into the field as an ordinary edit, never saved by itself.
   */
  suggestion?: { value: string; label: string };
}

const shown = (value: FieldValue | undefined) => (value === null || value === undefined ? '' : String(value));

export function Field(props: Props) {
  return props.spec.type === 'select' ? <SelectField {...props} /> : <TextField {...props} />;
}

function TextField({ spec, value, onCommit, onDone, inputRef, suggestion }: Props) {
  const m = useMessages(annotateMessages);
  const id = useId();
  const saved = shown(value);
  const [draft, setDraft] = useState(saved);
  // The draft is read synchronously by blur and unmount, which may run before a re-render.
  const draftRef = useRef(saved);
  const savedRef = useRef(saved);
  /**
   * The text of a save still on its way. Enter saves and then moves focus, and that blur
   * must not save the same text a second time (it would add a second undo step).
   */
  const sentRef = useRef<string | null>(null);

  const elementRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  /** Set when a new value replaced the text while it was all selected: it is selected again. */
  const reselectRef = useRef(false);

  // A new saved value (our own save coming back, an undo, a figure's value read from the text
  // just after tagging) replaces an untouched draft.
  if (savedRef.current !== saved) {
    const untouched = draftRef.current === savedRef.current || draftRef.current.trim() === saved.trim();
    savedRef.current = saved;
    sentRef.current = null;
    if (untouched) {
      // Focused with nothing typed and everything (or nothing, in an empty field) selected: the
      // new value stays selected, so what is typed next replaces it instead of adding to it.
      const el = elementRef.current;
      reselectRef.current = el !== null && el === document.activeElement && el.selectionStart === 0 && el.selectionEnd === el.value.length;
      draftRef.current = saved;
      setDraft(saved);
    }
  }
  useLayoutEffect(() => {
    if (!reselectRef.current) return;
    reselectRef.current = false;
    elementRef.current?.select();
  });
  const setElement = useCallback(
    (el: HTMLInputElement | HTMLTextAreaElement | null) => {
      elementRef.current = el;
      if (inputRef) (inputRef as { current: typeof el }).current = el;
    },
    [inputRef],
  );

  const change = (next: string) => {
    draftRef.current = next;
    setDraft(next);
  };

  const send = (text: string, value: FieldValue) => {
    sentRef.current = text;
    void Promise.resolve(onCommit(value)).then((ok) => {
      if (ok === false && sentRef.current === text) sentRef.current = null;
    });
  };

  const commit = () => {
    const text = draftRef.current.trim();
    if (text === (sentRef.current ?? savedRef.current.trim())) return;
    if (spec.type === 'number') {
      const n = parseNumber(text);
      if (n === undefined) {
        notify(messagesNow(annotateMessages).notANumber(text), 'error', 'INVALID_INPUT');
        change(savedRef.current);
        return;
      }
      // "1,500" where 1500 is stored is not an edit.
      if (n === parseNumber(savedRef.current)) {
        change(savedRef.current);
        return;
      }
      send(text, n);
      return;
    }
    send(text, text === '' ? null : text);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  // Unsaved typing is saved even if the editor goes away without a blur (another annotation selected).
  useEffect(() => () => commitRef.current(), []);

  const offer = suggestion && draft.trim() === '' ? suggestion : null;
  const take = () => {
    if (!offer) return;
    change(offer.value);
    const el = elementRef.current;
    el?.focus();
    // Selected, so typing replaces it: it is a suggestion until saved.
    requestAnimationFrame(() => el?.select());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const multiline = spec.type === 'textarea';
    if (event.key === 'ArrowDown' && offer && !multiline) {
      event.preventDefault();
      take();
      return;
    }
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
      onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      change(savedRef.current);
      onDone();
    }
  };

  const common = {
    id,
    value: draft,
    placeholder: offer ? m.toUse(offer.value) : spec.placeholder,
    'aria-describedby': offer ? `${id}-offer` : undefined,
    'data-dirty': String(draft !== saved),
    onChange: (e: { target: { value: string } }) => change(e.target.value),
    onBlur: commit,
    onKeyDown,
    autoComplete: 'off',
    spellCheck: spec.type === 'textarea',
  };
  return (
    <div className={`field field-${spec.name}`}>
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      {spec.type === 'textarea' ? (
        <textarea {...common} rows={3} ref={setElement} />
      ) : (
        <input {...common} type="text" inputMode={spec.type === 'number' ? 'decimal' : undefined} ref={setElement} />
      )}
      {offer ? (
        <p id={`${id}-offer`} className="field-offer">
          {/* Out of the Tab order: from the keyboard, ↓ in the field takes it. */}
          <button type="button" className="link-button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={take}>
            {m.useOffer(offer.label, offer.value)}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function SelectField({ spec, value, onCommit, onDone, inputRef }: Props) {
  const id = useId();
  return (
    <div className={`field field-${spec.name}`}>
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      <select
        id={id}
        value={shown(value)}
        data-dirty="false"
        ref={inputRef as RefObject<HTMLSelectElement>}
        onChange={(e) => onCommit(e.target.value === '' ? null : e.target.value)}
        onKeyDown={(e) => {
          // The choice is saved as it changes (arrow keys choose); Enter, as in every field, goes
          // back to the article instead of opening the native list, which Chromium does by default.
          if (e.key === 'Escape' || (e.key === 'Enter' && !e.altKey)) {
            e.preventDefault();
            onDone();
          }
        }}
      >
        <option value="">—</option>
        {spec.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
