/**
 * For tests that check which files the store touches: a copy of a Node fs module whose
 * reading calls (stat, open, readFile and the like) note the path they were given, then do
 * exactly what the real ones do.
 */
const READERS = ['stat', 'lstat', 'open', 'readFile', 'access', 'statSync', 'lstatSync', 'openSync', 'readFileSync', 'existsSync', 'createReadStream'];

export function recording(real: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...real };
  for (const name of READERS) {
    const fn = real[name];
    if (typeof fn !== 'function') continue;
    copy[name] = function (this: unknown, ...args: unknown[]) {
      paths.push(String(args[0]));
      return (fn as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  copy.default = copy;
  return copy;
}
