/** Messages between the search client (any thread) and the search worker (worker.ts). */
import type { BrowseRequest, IndexChange, Progress, SearchRequest } from './engine.js';
import type { Registries } from './source.js';

export interface OpenRequest {
  libraryDir: string;
  file: string;
  registries: Registries;
  generation: string;
  expect?: { articles: number; counts: { quote: number; claim: number; figure: number; note: number } };
}

export type Call =
  | { method: 'open'; args: OpenRequest }
  | { method: 'apply'; args: IndexChange }
  | { method: 'rebuild'; args: { generation: string; registries: Registries } }
  | { method: 'search'; args: SearchRequest }
  | { method: 'browse'; args: BrowseRequest }
  | { method: 'speakerPage'; args: { name: string; limit?: number; offset?: number } }
  | { method: 'speakerUsage'; args: null }
  | { method: 'tagUsage'; args: null }
  | { method: 'close'; args: null };

export type Request = Call & { id: number };

export type Reply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } } | { id: number; progress: Progress };
