import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../ticket-printer/src/virtual-printer/virtual-printer.js';
import { loadConfig } from '../../server/src/config.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import {
  createDevice,
  createHall,
  createService,
  issue,
  setupAdmin,
  type Api,
} from '../helpers/api-fixtures.js';

/**
 * Behind a reverse proxy the QR code must carry the address phones reach
 * (PUBLIC_URL), on the paper ticket and on the kiosk's ticket image alike.
 */
describe('PUBLIC_URL in the QR code', () => {
  const publicUrl = 'https://zwfw.example.gov.cn/hall';
  let t: TestHub;
  let admin: Api;
  let printer: VirtualPrinter;

  beforeAll(async () => {
    printer = new VirtualPrinter({ port: 0 });
    await printer.start();
    t = await startTestHub({ options: { publicUrl } });
    admin = await setupAdmin(t);
  });
  afterAll(async () => {
    await t.close();
    await printer.stop();
  });

  it('prints the public address, not the hub’s own', async () => {
    const hallId = (await createHall(admin)).id;
    const serviceId = (await createService(admin, hallId)).id;
    const kiosk = await createDevice(admin, hallId, {
      kind: 'kiosk',
      config: { printer: `tcp://127.0.0.1:${printer.address().port}` },
    });
    const ticket = await issue(kiosk.api, hallId, serviceId);
    const job = await printer.waitForJob((j) => j.text.includes(ticket.number));
    expect(job.qr).toEqual([`${publicUrl}/t/${ticket.statusToken}`]);
  });

  it('is checked with the other variables at start-up', () => {
    expect(loadConfig({ VIRTUAL_PRINTER_PORT: 'off' }).VIRTUAL_PRINTER_PORT).toBe('off');
    expect(loadConfig({ VIRTUAL_PRINTER_PORT: '9101' }).VIRTUAL_PRINTER_PORT).toBe(9101);
    expect(() => loadConfig({ VIRTUAL_PRINTER_PORT: 'lp0' })).toThrow(/VIRTUAL_PRINTER_PORT/);
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});
