/**
 * A stand-in for what Electron's contextBridge does to values crossing from the preload's
 * isolated world into the page (docs/api/context-bridge.md, "Parameter / Error / Return Type
 * support"): functions are proxied; a returned promise is proxied and a rejection arrives as
 * a new Error with the message only (electron/electron#28346: custom properties such as
 * `code` are lost); errors as values keep their message only; typed arrays, dates and maps
 * are structured-cloned; other objects are copied key by key with their prototype dropped
 * (a class instance arrives as a plain object); promises nested in objects and symbols are
 * dropped. The preload runs in its own VM realm, so checks here never rely on instanceof.
 */

const tag = (value: object): string => Object.prototype.toString.call(value);
const messageOf = (error: unknown): string => (typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error));

/** Copies `value` into this (the page's) realm as the bridge would. `top`: a return value or exact argument. */
export function crossBridge(value: unknown, top = true): unknown {
  if (typeof value === 'symbol') return undefined;
  if (typeof value === 'function') return proxyFunction(value as (...args: unknown[]) => unknown);
  if (value === null || typeof value !== 'object') return value;
  if (tag(value) === '[object Promise]') {
    if (!top) return undefined;
    return new Promise((resolve, reject) => {
      (value as Promise<unknown>).then(
        (settled) => resolve(crossBridge(settled)),
        (error: unknown) => reject(new Error(messageOf(error))),
      );
    });
  }
  if (tag(value) === '[object Error]') return new Error(messageOf(value));
  if (ArrayBuffer.isView(value) || ['[object ArrayBuffer]', '[object Date]', '[object RegExp]', '[object Map]', '[object Set]'].includes(tag(value)))
    return structuredClone(value);
  if (Array.isArray(value)) return value.map((item) => crossBridge(item, false));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = crossBridge((value as Record<string, unknown>)[key], false);
  return copy;
}

function proxyFunction(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    let result: unknown;
    try {
      result = fn(...args.map((arg) => crossBridge(arg)));
    } catch (error) {
      throw new Error(messageOf(error));
    }
    return crossBridge(result);
  };
}
