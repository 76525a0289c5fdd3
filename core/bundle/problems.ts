import { GlossaError } from '../model/index.js';

/** One thing wrong with a bundle, named by the member it concerns (null: the archive as a whole). */
export interface BundleProblem {
  member: string | null;
  code: 'BAD_BUNDLE' | 'HASH_MISMATCH';
  message: string;
}

/** Thrown inside the reader when a problem makes it pointless to go on. */
export class BundleFault extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
    this.name = 'BundleFault';
  }
}

export const problem = (member: string | null, message: string, code: BundleProblem['code'] = 'BAD_BUNDLE'): BundleProblem => ({
  member,
  code,
  message,
});

/** The error importBundle throws: the first problem, a count of the others, and the promise that nothing changed. */
export function refusal(problems: readonly BundleProblem[]): GlossaError {
  const first = problems[0]!;
  const more =
    problems.length > 1 ? ` (${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: run \`glossa verify <bundle>\` to list them)` : '';
  return new GlossaError(first.code, `${first.message}${more} The bundle was not imported; nothing in your library changed.`);
}
