import { parseArgs } from 'node:util';
import { VirtualPrinter } from './virtual-printer.js';
import { startVirtualPrinterWeb } from './web.js';

/**
 * `npm run virtual-printer [-- --port 9100 --web-port 9180 --host 127.0.0.1]`
 * (or VIRTUAL_PRINTER_PORT / VIRTUAL_PRINTER_WEB_PORT / VIRTUAL_PRINTER_HOST). `--host` is where
 * the printer's port 9100 listens (another PC's print agent may need it); the
 * page of printed tickets and its paper-out switches stay on 127.0.0.1.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.VIRTUAL_PRINTER_PORT ?? '9100' },
    'web-port': { type: 'string', default: process.env.VIRTUAL_PRINTER_WEB_PORT ?? '9180' },
    host: { type: 'string', default: process.env.VIRTUAL_PRINTER_HOST ?? '127.0.0.1' },
  },
});

const printer = new VirtualPrinter({ port: Number(values.port), host: values.host });
const { host, port } = await printer.start();
const web = await startVirtualPrinterWeb(printer, Number(values['web-port']));
console.log(`Virtual printer on tcp://${host}:${port}; jobs at ${web.url}`);
printer.on('job', (job) => console.log(`--- job #${job.id} ---\n${job.text}\n`));
const stop = () => {
  void printer.stop().then(() => web.server.close(() => process.exit(0)));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
