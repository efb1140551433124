export * from './settings.js';
export * from './booking.js';
export * from './jobs.js';
export * from './check-in.js';
export * from './notifications.js';
export * from './upcoming.js';
