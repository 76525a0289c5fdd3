export * from './match.js';
export * from './registry.js';
export * from './quotes.js';
