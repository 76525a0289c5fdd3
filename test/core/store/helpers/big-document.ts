/** A deterministic multi-megabyte document per version, so a test can tell whole from torn. */
export interface BigDocument {
  version: number;
  rows: { id: number; text: string }[];
}

export function bigDocument(version: number, rows = 30_000): BigDocument {
  const filler = `version ${version} `.padEnd(100, String.fromCharCode(97 + (version % 26)));
  return { version, rows: Array.from({ length: rows }, (_, id) => ({ id, text: filler })) };
}
