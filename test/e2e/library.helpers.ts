/** Reading a library's full contents through the page's own window.glossa, for comparisons. */
import type { Page } from '@playwright/test';
import type { Annotation, Snapshot } from '../../core/model/index.js';
import type {} from '../../renderer/glossa.js';

export interface LibraryDump {
  snapshots: { snapshot: Snapshot; text: string; annotations: Annotation[] }[];
}

export async function dumpLibrary(page: Page): Promise<LibraryDump> {
  return page.evaluate(async () => {
    const rows = await window.glossa.listSnapshots({});
    const snapshots = [];
    for (const row of [...rows].sort((a, b) => a.id.localeCompare(b.id))) {
      const { snapshot, text } = await window.glossa.openSnapshot({ id: row.id });
      const annotations = await window.glossa.listAnnotations({ snapshotId: row.id, includeDeleted: true });
      snapshots.push({ snapshot, text, annotations: [...annotations].sort((a, b) => a.id.localeCompare(b.id)) });
    }
    return { snapshots };
  });
}

export async function liveAnnotations(page: Page, snapshotId: string): Promise<Annotation[]> {
  return page.evaluate((id) => window.glossa.listAnnotations({ snapshotId: id }), snapshotId);
}
