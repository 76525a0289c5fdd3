/**
 * The shared sample article and its gold tagging (../shared beside the repo, never copied in).
 * Tests that need them skip with a visible reason where they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(REPO_ROOT, '../shared');
export const NYPD_TXT = resolve(SHARED, 'fixtures/nypd-ice-2017.txt');
export const NYPD_GOLD = resolve(SHARED, 'fixtures/nypd-ice-2017.gold.json');
export const HAVE_NYPD = existsSync(NYPD_TXT) && existsSync(NYPD_GOLD);

/** One item of nypd-ice-2017.gold.json: what a careful researcher tags. */
export interface GoldItem {
  kind: 'quote' | 'claim' | 'figure';
  /** quotes: direct or indirect */
  type?: 'direct' | 'indirect';
  exact: string;
  start: number;
  end: number;
  speaker?: string;
  speakerRole?: string;
  cue?: string;
  value?: number;
  unit?: string;
  qualifier?: string;
  measure?: string;
  claimant?: string;
}

export const loadGold = (): GoldItem[] => (JSON.parse(readFileSync(NYPD_GOLD, 'utf8')) as { items: GoldItem[] }).items;
