export * from './snapshot.js';
export * from './annotation.js';
export * from './errors.js';
export * from './codebook.js';
export * from './article.js';
