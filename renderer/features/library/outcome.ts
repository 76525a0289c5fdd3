/** Reading core/ingest's ImportOutcome for the views. */
import type { ImportOutcome } from '../../../core/ingest';

export const snapshotIdOf = (outcome: ImportOutcome): string => outcome.snapshotId;
export const titleOf = (outcome: ImportOutcome): string => outcome.title;
export const isDuplicate = (outcome: ImportOutcome): boolean => outcome.duplicate;
