/**
 * What a drop carries: files, whole folders (walked through the entries API, keeping
 * relative paths so saved pages find their "_files" folder), or links dragged from a browser.
 */
import type { PickedFile } from '../library/importFiles';

const MAX_DROPPED_FILES = 5000;

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (out.length >= MAX_DROPPED_FILES) return;
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns the folder in chunks: read until it answers with none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) if (!child.name.startsWith('.')) await walk(child, out);
    }
  }
}

export async function filesOfDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null)).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return [...data.files].map((file) => ({ file }));
  const out: PickedFile[] = [];
  for (const e of entries) await walk(e, out);
  return out;
}

/** The http(s) links of a drop (a link dragged from a browser's address bar or page). */
export function linksOfDrop(data: DataTransfer): string[] {
  const list = data.getData('text/uri-list') || '';
  return list
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && /^https?:\/\//i.test(l));
}
