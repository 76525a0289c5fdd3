/**
 * The quote's speaker: a combobox over the library's speaker registry. Typing lists the
 * speakers whose name or alias matches (best first); ↓/↑ move, Enter picks the highlighted
 * one (or adds the typed name as a new speaker) and stays, a second Enter returns to the
 * article; Tab or leaving the field keeps what was typed (a registered name or alias picks
 * that speaker; a new name is registered). Escape closes the list, then puts back the
 * saved value.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Speaker } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { review } from '../suggest/actions';
import { inOrder } from './saving';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

interface Props {
  snapshotId: string;
  annotationId: string;
  value: string | null | undefined;
  label: string;
  placeholder?: string;
  onDone(): void;
  inputRef?: RefObject<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null>;
  /** A suggestion waiting for review: saving the speaker also accepts it (edit, then accept). */
  acceptsSuggestion?: boolean;
}

interface Option {
  key: string;
  /** The name sent to core: a registered name, or the typed one (a new speaker). */
  name: string;
  speaker: Speaker | null;
  matched?: string;
}

export function SpeakerField({ snapshotId, annotationId, value, label, placeholder, onDone, inputRef, acceptsSuggestion }: Props) {
  const m = useMessages(annotateMessages);
  const acceptsRef = useRef(acceptsSuggestion);
  acceptsRef.current = acceptsSuggestion;
  const id = useId();
  const listId = `${id}-list`;
  const saved = value ?? '';
  const [draft, setDraft] = useState(saved);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(0);
  const draftRef = useRef(saved);
  const savedRef = useRef(saved);
  const sentRef = useRef<string | null>(null);

  if (savedRef.current !== saved) {
    const untouched = draftRef.current === savedRef.current || draftRef.current.trim() === saved.trim();
    savedRef.current = saved;
    sentRef.current = null;
    if (untouched) {
      draftRef.current = saved;
      setDraft(saved);
    }
  }

  // Suggestions follow the typing; a stale answer (typing went on) is dropped.
  useEffect(() => {
    if (!open) return;
    let live = true;
    const query = draft.trim();
    glossa()
      .suggestSpeakers({ query, limit: 8 })
      .then((found) => {
        if (!live) return;
        const list: Option[] = found.map((f) => ({ key: f.speaker.id, name: f.speaker.name, speaker: f.speaker, matched: f.matched }));
        const exact = list.some((o) => [o.name, o.matched].some((n) => n?.toLocaleLowerCase() === query.toLocaleLowerCase()));
        if (query && !exact) list.push({ key: '#new', name: query, speaker: null });
        setOptions(list);
        setActive(0);
      })
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [draft, open]);

  const change = (next: string) => {
    draftRef.current = next;
    setDraft(next);
    setOpen(true);
  };

  const send = (name: string) => {
    const text = name.replace(/\s+/g, ' ').trim();
    if (text === (sentRef.current ?? savedRef.current.trim())) return;
    sentRef.current = text;
    // Read now: by the time the speaker is saved the suggestion may have been accepted another way.
    const accepting = acceptsRef.current === true;
    undoStack
      .perform(() => inOrder(annotationId, () => glossa().setQuoteSpeaker({ snapshotId, id: annotationId, name: text })))
      .then(
        (out) => {
          // The registry may have answered with the registered spelling.
          const stored = out.speaker?.name ?? '';
          draftRef.current = stored;
          setDraft(stored);
          // The speaker goes through the registry (an alias becomes the registered name), then the suggestion is accepted.
          if (accepting) review(snapshotId, [annotationId], 'accept').catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotAccept));
        },
        (e: unknown) => {
          if (sentRef.current === text) sentRef.current = null;
          reportError(e, messagesNow(annotateMessages).couldNotSaveSpeaker);
        },
      );
  };

  const commitTyped = () => send(draftRef.current);
  const commitRef = useRef(commitTyped);
  commitRef.current = commitTyped;
  useEffect(() => () => commitRef.current(), []);

  const pick = (o: Option) => {
    draftRef.current = o.name;
    setDraft(o.name);
    setOpen(false);
    send(o.name);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (options.length ? (a + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // With the list open, Enter picks and stays (Tab goes on); otherwise it saves and returns to the article.
      const o = open && options.length ? options[active] : undefined;
      if (o) {
        pick(o);
        return;
      }
      commitTyped();
      setOpen(false);
      onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open) {
        setOpen(false);
        return;
      }
      draftRef.current = savedRef.current;
      setDraft(savedRef.current);
      onDone();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  const showList = open && options.length > 0;
  return (
    <div className="field field-speaker">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="combobox">
        <input
          id={id}
          ref={inputRef as RefObject<HTMLInputElement>}
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList ? `${listId}-${active}` : undefined}
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          data-dirty={String(draft !== saved)}
          onChange={(e) => change(e.target.value)}
          onBlur={() => {
            setOpen(false);
            commitTyped();
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={m.speakerSuggestions(label)} className="combobox-list" hidden={!showList}>
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'combobox-option is-active' : 'combobox-option'}
              // Picking with the mouse must not blur the input first (that would save the typing).
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {o.speaker ? (
                <>
                  <span className="option-name">{o.speaker.name}</span>
                  {o.matched && o.matched !== o.speaker.name ? <span className="option-note">{m.alsoCalled(o.matched)}</span> : null}
                  {o.speaker.role || o.speaker.organisation ? (
                    <span className="option-note"> · {[o.speaker.role, o.speaker.organisation].filter(Boolean).join(', ')}</span>
                  ) : null}
                </>
              ) : (
                <span>
                  {m.newSpeakerBefore}
                  <span className="option-name">{o.name}</span>
                  {m.newSpeakerAfter}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
