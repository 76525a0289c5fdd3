import { z } from 'zod';

/**
 * A tag of the researcher's codebook: a hierarchy (parentId) of named codes, each with a
 * colour and an optional one-key shortcut. Annotations name tags by id, so renaming a tag
 * never touches an annotation.
 */
export const CodeTag = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a tag needs a name').max(200),
  parentId: z.string().nullable().default(null),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4')
    .default('#6b7280'),
  /** A single printable key (a–z, 0–9) that applies the tag in the reader. */
  key: z
    .string()
    .regex(/^[a-z0-9]$/, 'one letter or digit')
    .nullable()
    .default(null),
  description: z.string().max(10_000).default(''),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CodeTag = z.infer<typeof CodeTag>;

/**
 * A person or body quoted in the library. Quotes name speakers by id, so "everything this
 * person said" is one lookup across every article.
 */
export const Speaker = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a speaker needs a name').max(300),
  aliases: z.array(z.string().trim().min(1)).default([]),
  role: z.string().nullable().default(null),
  organisation: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Speaker = z.infer<typeof Speaker>;
