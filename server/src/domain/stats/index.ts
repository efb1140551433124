export * from './histogram.js';
export * from './facts.js';
export * from './aggregate.js';
export * from './period.js';
export * from './appointments.js';
export * from './months.js';
