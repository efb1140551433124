export * from './settings.js';
export * from './display-config.js';
export * from './board-config.js';
