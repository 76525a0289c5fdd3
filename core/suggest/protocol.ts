/** Messages between the suggestion client (any thread) and the suggestion worker (worker.ts). */
import type { Suggestion, SuggestKind } from './types.js';
import type { Block, Speaker } from '../model/index.js';

export interface SuggestRequest {
  id: number;
  text: string;
  kinds?: SuggestKind[];
  speakers?: Speaker[];
  snapshotId?: string;
  blocks?: Block[];
}

export type SuggestReply = { id: number; ok: true; value: Suggestion[] } | { id: number; ok: false; error: { code: string; message: string } };
