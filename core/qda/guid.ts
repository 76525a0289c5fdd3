import { v5 as uuidv5 } from 'uuid';

/** Namespace of every GUID Glossa derives for REFI-QDA (name-based, so exports are repeatable). */
export const GLOSSA_QDA_NAMESPACE = '3f0c6a52-8d4e-4b7a-9c1e-5a2f6b8d0e41';

/** A Glossa id that can travel as a REFI GUID unchanged and come back equal. */
const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What REFI's GUIDType accepts: any case, optionally in braces. */
const REFI_GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** A stable GUID for `name` in Glossa's namespace (UUID v5). */
export const derivedGuid = (name: string): string => uuidv5(name, GLOSSA_QDA_NAMESPACE);

/**
 * The REFI GUID for a Glossa id: the id itself when it already is a lowercase UUID (so an
 * import gives the same id back), else a v5 GUID derived from `scope` and the id.
 */
export const guidFor = (scope: string, id: string): string => (CANONICAL.test(id) ? id : derivedGuid(`${scope}:${id}`));

/** A REFI GUID as Glossa keeps it (lowercase, no braces), or null when it is not one. */
export function normaliseGuid(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = REFI_GUID.exec(value.trim());
  if (!m) return null;
  const inner = m[1]!;
  // Braces must pair: "{guid" or "guid}" is not a GUID.
  const braced = value.trim().startsWith('{');
  if (braced !== value.trim().endsWith('}')) return null;
  return inner.toLowerCase();
}
