export * from './rollup.js';
export * from './hall-stats.js';
export * from './csv.js';
