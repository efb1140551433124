/** The printing library used by the hub and the print agent (Node only; the kiosk screen is in kiosk/). */
export * from './ticket.js';
export * from './layout.js';
export * from './render.js';
export * from './port.js';
export * from './print.js';
export * from './escpos/commands.js';
export * from './escpos/decoder.js';
export * from './escpos/job.js';
export * from './escpos/status.js';
export * from './transports/tcp.js';
export * from './transports/device-file.js';
export * from './transports/serial.js';
export * from './transports/open-printer.js';
