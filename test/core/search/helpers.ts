/** Builders for the search tests: real libraries through the store API, annotations on real spans. */
import { v4 as uuidv4 } from 'uuid';
import type { Annotation, AnnotationFields, AnnotationKind, CodeTag, Speaker } from '../../../core/model/index.js';
import { SearchEngine } from '../../../core/search/engine.js';
import { FolderSource } from '../../../core/search/source.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { makeTarget } from '../../../core/text/selectors.js';

export const AT = '2024-03-01T00:00:00.000Z';

export function annotate(
  snapshotId: string,
  text: string,
  exact: string,
  kind: AnnotationKind,
  extra: { fields?: AnnotationFields; tags?: string[]; comment?: string; id?: string } = {},
): Annotation {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in the text`);
  return {
    id: extra.id ?? uuidv4(),
    snapshotId,
    kind,
    target: makeTarget(text, start, start + exact.length),
    fields: extra.fields ?? {},
    tags: extra.tags ?? [],
    comment: extra.comment ?? '',
    links: [],
    origin: { type: 'human', detector: null, accepted: null },
    createdAt: AT,
    updatedAt: AT,
    deletedAt: null,
  };
}

export const tag = (id: string, name: string, parentId: string | null = null): CodeTag => ({
  id,
  name,
  parentId,
  color: '#1f77b4',
  key: null,
  description: '',
  createdAt: AT,
  updatedAt: AT,
});
export const speaker = (id: string, name: string, aliases: string[] = []): Speaker => ({
  id,
  name,
  aliases,
  role: null,
  organisation: null,
  createdAt: AT,
  updatedAt: AT,
});

/** The engine over a library folder, at the library's generation now. */
export function openEngine(lib: LibraryStore, file: string): SearchEngine {
  return SearchEngine.open({
    file,
    source: new FolderSource(lib.dir),
    registries: { codebook: lib.listCodebook(), speakers: lib.listSpeakers() },
    generation: lib.generation,
  });
}
