export * from './ticket-layout.js';
export * from './ticket-document.js';
export * from './printer-target.js';
export * from './print-jobs.js';
export * from './printer-status.js';
export * from './recover-print-jobs.js';
