export * from './settings.js';
export * from './reasons.js';
export * from './submit-evaluation.js';
export * from './counter-view.js';
