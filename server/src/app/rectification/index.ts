export * from './settings.js';
export * from './open-cases.js';
export * from './actions.js';
export * from './deadlines.js';
