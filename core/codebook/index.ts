export * from './tree.js';
export * from './merge-import.js';
export * from './usage.js';
