/**
 * Who made and who last changed an annotation, in words: "Added by Ana Ruiz · changed by
 * Ben Ode, 3 Mar 2026, 09:30". Null when the annotation names no one (made before
 * authorship existed, by a detector, or with no name set in Settings): nothing is shown then.
 */
import type { Annotation, Author } from '../../../core/model';
import { formatDate } from '../../ui/format';
import { messagesNow } from '../../i18n';
import { annotateMessages } from './messages';

export function authorshipLine(a: Pick<Annotation, 'createdBy' | 'modifiedBy' | 'createdAt' | 'updatedAt'>): string | null {
  const { createdBy, modifiedBy } = a;
  if (!createdBy && !modifiedBy) return null;
  const m = messagesNow(annotateMessages);
  const when = formatDate(a.updatedAt, true);
  const unchanged = a.createdAt === a.updatedAt && sameAuthor(createdBy, modifiedBy);
  if (createdBy && unchanged) return m.addedBy(createdBy.name, formatDate(a.createdAt, true));
  // The same person changing their own annotation is not named twice.
  const changed = modifiedBy && !sameAuthor(createdBy, modifiedBy) ? m.changedBy(modifiedBy.name, when) : m.changed(when);
  return createdBy ? m.addedByChanged(createdBy.name, changed) : capitalise(changed);
}

/** The one name a row of annotations shows: who changed it last, else who made it. */
export function authorOf(a: Pick<Annotation, 'createdBy' | 'modifiedBy'>): Author | null {
  return a.modifiedBy ?? a.createdBy ?? null;
}

/** Name and e-mail, for a tooltip. */
export const authorTitle = (author: Author): string => (author.email ? `${author.name} <${author.email}>` : author.name);

const sameAuthor = (x: Author | undefined, y: Author | undefined) => x?.name === y?.name && x?.email === y?.email;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
