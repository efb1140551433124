export * from './keypad-contract.js';
export * from './keypad-config.js';
export * from './keypad-press.js';
export * from './keypads.js';
export * from './presence.js';
