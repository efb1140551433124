export * from './settings.js';
export * from './clock.js';
export * from './slots.js';
export * from './booking.js';
