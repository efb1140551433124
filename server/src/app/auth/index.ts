export * from './passwords.js';
export * from './principals.js';
export * from './sessions.js';
export * from './setup.js';
