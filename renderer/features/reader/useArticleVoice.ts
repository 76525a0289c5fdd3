/**
 * The article's language and direction as the reader draws them: the captured language, or
 * the person's correction of it; the corrected direction, else 'auto' (blocks keep the
 * direction the page gave them, and text without one reads by its first strong character).
 */
import type { ArticleRecord, Snapshot } from '../../../core/model';
import { effectiveMeta } from '../../../core/model';
import { glossa } from '../../glossa';
import { useLibraryValue } from '../../ui/useLibraryValue';

export interface ArticleVoice {
  lang: string | null;
  dir: 'ltr' | 'rtl' | 'auto';
  /** The person set the direction: it applies to every block. */
  dirCorrected: boolean;
}

/** The article's own state (corrections, tags, collections), kept current as the library changes. */
export function useArticleRecord(snapshotId: string): ArticleRecord | null {
  return useLibraryValue(
    () =>
      glossa()
        .articleDetails({ snapshotId })
        .then((d) => d.record),
    null,
    ['article'],
  );
}

/** From the article's record (useArticleRecord, read once by the reader for the header too). */
export function articleVoice(snapshot: Snapshot, record: ArticleRecord | null): ArticleVoice {
  const meta = effectiveMeta(snapshot, record);
  const dirCorrected = record?.meta.dir !== undefined;
  return { lang: meta.lang, dir: dirCorrected ? meta.dir : 'auto', dirCorrected };
}
