export * from './names.js';
export * from './response.js';
export * from './payloads.js';
export * from './socket-events.js';
export * from './display-state.js';
export * from './display-sync.js';
