/**
 * The keyboard map. Features register bindings while mounted; one window listener routes
 * each key. Single-letter keys never fire while the user types in a field or a dialog.
 * Bindings with `help` are listed by the shortcut sheet (?), so the sheet always shows the
 * keys that work where the user is.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface Binding {
  /** `KeyboardEvent.key`, lower-cased for letters ("q", "delete", "escape", "arrowright", "?"). */
  key: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** Alt (Option). Unset: either. */
  alt?: boolean;
  /** Fires even when focus is in a text field (shortcuts with a modifier). */
  inFields?: boolean;
  /** Fires while a dialog is open (focus inside it). */
  inDialogs?: boolean;
  /** Extra condition checked before the key is taken from the browser. */
  when?(event: KeyboardEvent): boolean;
  run(event: KeyboardEvent): void;
  /** Listed in the shortcut sheet under `group`; `keys` overrides how the key is written. */
  help?: { group: string; label: string; keys?: string };
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_LABEL = isMac ? '⌘' : 'Ctrl+';

/**
 * App undo inside a text field only when the field holds no unsaved typing; otherwise
 * Ctrl+Z is the field's own text undo.
 */
export function fieldAllowsAppUndo(target: EventTarget | null): boolean {
  if (!isEditable(target)) return true;
  return target instanceof HTMLElement && target.dataset.dirty === 'false';
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type);
  return false;
}

/** Letters are matched on the key typed, with the physical key as a fallback when Alt changes it (macOS). */
function keyOf(event: KeyboardEvent): string {
  if (event.altKey && /^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
  return event.key.toLowerCase();
}

export function matches(binding: Binding, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  if (otherMod) return false;
  if (Boolean(binding.mod) !== mod) return false;
  if (binding.shift !== undefined && binding.shift !== event.shiftKey) return false;
  if (binding.alt !== undefined && binding.alt !== event.altKey) return false;
  return binding.key === keyOf(event);
}

/** One entry per mounted component, read at key time so re-renders need no re-registration. */
const layers: { current: Binding[] }[] = [];
let layersVersion = 0;
const layerListeners = new Set<() => void>();
const layersChanged = () => {
  layersVersion++;
  for (const l of [...layerListeners]) l();
};

/**
 * A field the app is about to focus (the editor of a span just tagged, drawn a frame after
 * its highlight). Until it has focus, the next key first keeps the promise, so what is typed
 * goes into the field instead of being read as shortcuts on the article.
 */
export interface FocusPromise {
  /** Focus the field now (synchronously): the key being pressed lands in it. */
  keep(): void;
  /** Show the field without focusing it (Escape, Enter: stay on the article). */
  drop(): void;
}
let promised: FocusPromise | null = null;

/** Registers a focus promise; returns a function that withdraws it (once the field has focus). */
export function promiseFocus(promise: FocusPromise): () => void {
  promised = promise;
  return () => {
    if (promised === promise) promised = null;
  };
}

/** Keeps or drops a pending focus promise for this key; true when the key is used up by it. */
function settlePromise(event: KeyboardEvent): boolean {
  const promise = promised;
  // Keys typed into another field stay there.
  if (!promise || isEditable(event.target)) return false;
  promised = null;
  const withMod = event.ctrlKey || event.metaKey || event.altKey;
  if (!withMod && (event.key === 'Escape' || event.key === 'Enter')) {
    event.preventDefault();
    promise.drop();
    return true;
  }
  promise.keep();
  // Tab lands in the first field (the default would move past it); modified keys (Ctrl+Z) go on to the bindings.
  if (event.key === 'Tab') event.preventDefault();
  return !withMod;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  if (settlePromise(event)) return;
  const target = event.target;
  const inField = isEditable(target);
  const inDialog = target instanceof Element && target.closest('dialog[open]') !== null;
  // Later-mounted layers (the reader) win over earlier ones (the shell).
  for (let i = layers.length - 1; i >= 0; i--) {
    for (const binding of layers[i]?.current ?? []) {
      if (!matches(binding, event)) continue;
      if (inField && !binding.inFields) continue;
      if (inDialog && !binding.inFields && !binding.inDialogs) continue;
      if (binding.when && !binding.when(event)) continue;
      event.preventDefault();
      binding.run(event);
      return;
    }
  }
}

/** Registers bindings while the component is mounted; the latest `bindings` are used on every key. */
export function useKeyboard(bindings: Binding[]): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    const layer = latest;
    layers.push(layer);
    layersChanged();
    if (layers.length === 1) window.addEventListener('keydown', onKeyDown);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      layersChanged();
      if (layers.length === 0) window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}

const KEY_NAMES: Record<string, string> = {
  arrowright: '→',
  arrowleft: '←',
  arrowup: '↑',
  arrowdown: '↓',
  escape: 'Esc',
  delete: 'Delete',
  backspace: 'Backspace',
  enter: 'Enter',
  ' ': 'Space',
};

/** How a binding's keys are written in the sheet and in button titles: "Ctrl+Shift+Z", "Shift+→". */
export function keyLabel(b: Pick<Binding, 'key' | 'mod' | 'shift' | 'alt'>): string {
  const parts: string[] = [];
  if (b.mod) parts.push(isMac ? '⌘' : 'Ctrl');
  if (b.alt) parts.push(isMac ? '⌥' : 'Alt');
  if (b.shift) parts.push('Shift');
  parts.push(KEY_NAMES[b.key] ?? (b.key.length === 1 ? b.key.toUpperCase() : b.key));
  return parts.join('+');
}

export interface ShortcutHelp {
  group: string;
  label: string;
  keys: string[];
}

/** Every documented binding of the mounted layers, grouped; bindings sharing a label share a row. */
export function currentShortcuts(): ShortcutHelp[] {
  const rows: ShortcutHelp[] = [];
  for (const layer of layers) {
    for (const b of layer.current) {
      if (!b.help) continue;
      const keys = b.help.keys ?? keyLabel(b);
      const row = rows.find((r) => r.group === b.help!.group && r.label === b.help!.label);
      if (row) {
        if (!row.keys.includes(keys)) row.keys.push(keys);
      } else rows.push({ group: b.help.group, label: b.help.label, keys: [keys] });
    }
  }
  return rows;
}

/** Re-renders when features mount or unmount bindings (the sheet reads currentShortcuts()). */
export function useShortcutsVersion(): number {
  return useSyncExternalStore(
    (l) => {
      layerListeners.add(l);
      return () => layerListeners.delete(l);
    },
    () => layersVersion,
  );
}
