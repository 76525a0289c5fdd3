/** How often the window may sync a shared library by itself, in minutes (0: only when asked). */
export const SYNC_EVERY_MINUTES = [0, 5, 15, 30, 60] as const;
export type SyncEveryMinutes = (typeof SYNC_EVERY_MINUTES)[number];
