#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { openPrinterPort } from '../transports/open-printer.js';
import { PrintAgent } from './agent.js';

/**
 * `ticket-printer agent --hub http://hub:8080 --token dev_… --device /dev/usb/lp0`
 *   --device  tcp://host:9100 | /dev/usb/lp0 | serial:/dev/ttyS0?baud=9600
 *   --ledger  file recording printed jobs (default ./print-agent-ledger.json)
 *   --status-every  seconds between printer status reports (default 30, 0: never)
 *   --status-wait   seconds to wait for the printer's status answer after a job (default 15)
 * The token can come from PRINT_AGENT_TOKEN instead, so it is not in `ps`.
 */

const USAGE =
  'usage: ticket-printer agent --hub URL --token dev_… --device /dev/usb/lp0|tcp://host:9100|serial:/dev/ttyS0';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'agent') {
  console.error(USAGE);
  process.exit(2);
}
const { values } = parseArgs({
  args: rest,
  options: {
    hub: { type: 'string' },
    token: { type: 'string', default: process.env.PRINT_AGENT_TOKEN },
    device: { type: 'string' },
    ledger: { type: 'string', default: './print-agent-ledger.json' },
    'status-every': { type: 'string', default: '30' },
    'status-wait': { type: 'string', default: '15' },
  },
});
const statusWait = Number(values['status-wait']);
if (!values.hub || !values.token || !values.device || !(statusWait >= 1 && statusWait <= 120)) {
  console.error(USAGE);
  process.exit(2);
}

const agent = new PrintAgent({
  hubUrl: values.hub,
  token: values.token,
  port: openPrinterPort(values.device),
  ledgerFile: values.ledger,
  statusEveryMs: Number(values['status-every']) * 1000,
  statusWaitMs: statusWait * 1000,
});
agent.on('connected', () => console.log(`connected to ${values.hub}`));
agent.on('disconnected', (reason) => console.log(`disconnected (${reason}); reconnecting`));
agent.on('printed', (id) => console.log(`printed job ${id}`));
agent.on('skipped', (id) => console.log(`job ${id} already handled; answered from the ledger`));
agent.on('failed', (id, error) => console.error(`job ${id} failed: ${error}`));
agent.socket.on('connect_error', (err) => console.error(`cannot connect: ${err.message}`));
agent.start();

const stop = () => {
  void agent.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
