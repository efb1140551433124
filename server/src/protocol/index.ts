export * from './names.js';
export * from './response.js';
export * from './payloads.js';
export * from './socket-events.js';
export * from './display-state.js';
export * from './display-sync.js';
export * from './http.js';
/** Pure code the screens share with the hub: how a call-out is spoken, and the ticket as printed. */
export * from '../voice/spoken.js';
export * from '../domain/ticket-document.js';
