/**
 * The keyboard map. Features register bindings while mounted; one window listener routes
 * each key. Single-letter keys never fire while the user types in a field or a dialog.
 */
import { useEffect, useRef } from 'react';

export interface Binding {
  /** `KeyboardEvent.key`, lower-cased for letters ("q", "delete", "escape", "z"). */
  key: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** Fires even when focus is in a text field (shortcuts with a modifier). */
  inFields?: boolean;
  /** Extra condition checked before the key is taken from the browser. */
  when?(event: KeyboardEvent): boolean;
  run(event: KeyboardEvent): void;
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
  return event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase();
}

export function matches(binding: Binding, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  if (otherMod) return false;
  if (Boolean(binding.mod) !== mod) return false;
  if (binding.shift !== undefined && binding.shift !== event.shiftKey) return false;
  return binding.key === keyOf(event);
}

/** One entry per mounted component, read at key time so re-renders need no re-registration. */
const layers: { current: Binding[] }[] = [];

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const target = event.target;
  const inField = isEditable(target);
  const inDialog = target instanceof Element && target.closest('dialog[open]') !== null;
  // Later-mounted layers (the reader) win over earlier ones (the shell).
  for (let i = layers.length - 1; i >= 0; i--) {
    for (const binding of layers[i]?.current ?? []) {
      if (!matches(binding, event)) continue;
      if ((inField || inDialog) && !binding.inFields) continue;
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
    if (layers.length === 1) window.addEventListener('keydown', onKeyDown);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      if (layers.length === 0) window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
