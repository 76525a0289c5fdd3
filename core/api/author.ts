/**
 * Who is working here, for signing annotations: the name and e-mail of the person's app
 * settings (app-settings.ts). No name set, no settings file, or one that cannot be read:
 * undefined, and nothing is stamped (an edit never fails for want of a signature).
 */
import { Author, GlossaError } from '../model/index.js';
import type { Context } from './context.js';

export async function currentAuthor(ctx: Context): Promise<Author | undefined> {
  if (!ctx.appSettings) return undefined;
  let stored: Record<string, unknown>;
  try {
    stored = await ctx.appSettings.read();
  } catch (e) {
    // A damaged settings file shows the defaults (no name) in the app: the same here.
    if (e instanceof GlossaError && e.code === 'LIBRARY_CORRUPT') return undefined;
    throw e;
  }
  const name = typeof stored.name === 'string' ? stored.name.trim() : '';
  const email = typeof stored.email === 'string' ? stored.email.trim() : '';
  const author = Author.safeParse({ name, ...(email ? { email } : {}) });
  if (author.success) return author.data;
  // A name the settings would refuse (written by hand) signs nothing; a bad e-mail alone is left out.
  const named = Author.safeParse({ name });
  return named.success ? named.data : undefined;
}

/**
 * The annotation as changed by `author`. With no name set the last change has no known
 * author, so an earlier modifiedBy is dropped rather than left to name the wrong person.
 */
export function signedChange<T extends { modifiedBy?: Author }>(annotation: T, author: Author | undefined): T {
  if (author) return { ...annotation, modifiedBy: author };
  const { modifiedBy: _, ...rest } = annotation;
  return rest as T;
}
