import { afterEach, describe, expect, it } from 'vitest';
import { FakeHid, FakeHidError, type FakeHidHandle } from '../../server/src/devices/keypad/fake-hid.js';
import { KeypadDriver, type DriverStatus, type KeypadSpec } from '../../server/src/devices/keypad/driver.js';
import type { KeypadCommand } from '../../server/src/devices/keypad/port.js';
import { VENDOR_SESSION, WIRELESS_SESSION } from './fixtures.js';

/** Records what the driver reports and lets a test wait for the next matching report. */
class Recorder {
  readonly commands: { keypadId: string; command: KeypadCommand }[] = [];
  readonly statuses: DriverStatus[] = [];
  private waiters: { test: (s: DriverStatus) => boolean; resolve: () => void }[] = [];

  handlers = {
    command: (keypadId: string, command: KeypadCommand) => this.commands.push({ keypadId, command }),
    status: (s: DriverStatus) => {
      this.statuses.push(s);
      this.waiters = this.waiters.filter((w) => (w.test(s) ? (w.resolve(), false) : true));
    },
  };

  next(kind: DriverStatus['kind']): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ test: (s) => s.kind === kind, resolve }));
  }
}

const VENDOR = {
  path: '/dev/hidraw3',
  vendorId: 0x2e3c,
  productId: 0x5750,
  usagePage: 0xff00,
  serialNumber: 'KP-0003',
};
const RECEIVER = {
  path: '/dev/hidraw5',
  vendorId: 0x2e3c,
  productId: 0x5752,
  usagePage: 0xff00,
  serialNumber: 'RX-01',
};
const KEYBOARD = {
  path: '/dev/hidraw1',
  vendorId: 0x04d9,
  productId: 0x1203,
  usagePage: 0x01,
  serialNumber: 'NUM-9',
};

let driver: KeypadDriver | null = null;
afterEach(async () => {
  await driver?.stop();
  driver = null;
});

function start(hid: FakeHid, specs: KeypadSpec[], rec: Recorder, scanMs = 60_000) {
  driver = new KeypadDriver(hid, rec.handlers, { scanMs });
  driver.setKeypads(specs);
  return driver;
}

describe('keypad driver over a fake HID layer', () => {
  it('finds a keypad by vendor id, product id, serial and usage page, and turns reports into commands', async () => {
    const hid = new FakeHid();
    hid.plug(VENDOR);
    hid.plug({ ...VENDOR, path: '/dev/hidraw4', serialNumber: 'KP-0009' }); // another window's keypad
    hid.plug({ ...VENDOR, path: '/dev/hidraw6', usagePage: 0x01 }); // its keyboard interface: not ours
    const rec = new Recorder();
    await start(hid, [{ id: 'kp-3', profile: 'vendor', serial: 'KP-0003' }], rec).start();
    expect(hid.handles.map((h) => h.info.path)).toEqual(['/dev/hidraw3']);
    for (const r of VENDOR_SESSION) await hid.emitData(VENDOR.path, r);
    expect(rec.commands).toEqual([
      { keypadId: 'kp-3', command: { action: 'call_next', typed: '' } },
      { keypadId: 'kp-3', command: { action: 'call_number', typed: '12' } },
      { keypadId: 'kp-3', command: { action: 'complete', typed: '' } },
    ]);
  });

  it('a keypad unplugged and plugged back resumes by itself', async () => {
    const hid = new FakeHid();
    hid.plug(KEYBOARD);
    const rec = new Recorder();
    const d = start(hid, [{ id: 'kp-1', profile: 'keyboard', vendorId: 0x04d9, productId: 0x1203 }], rec, 10);
    const attached = rec.next('attached');
    await d.start();
    await attached;
    const first = hid.openHandles(KEYBOARD.path)[0]!;

    const detached = rec.next('detached');
    hid.unplug(KEYBOARD.path);
    await detached;
    expect(d.attachedKeypads()).toEqual([]);
    expect(first.closed).toBe(true);
    await expect(first.write([0])).rejects.toMatchObject({ flags: { closed: true } });

    const back = rec.next('attached');
    hid.plug(KEYBOARD);
    await back; // the periodic scan found it again, nobody asked
    expect(d.attachedKeypads()).toEqual(['kp-1']);
    await hid.emitData(KEYBOARD.path, [0, 0, 0x57, 0, 0, 0, 0, 0]);
    expect(rec.commands).toEqual([{ keypadId: 'kp-1', command: { action: 'call_next', typed: '' } }]);
    expect(hid.handles).toHaveLength(2);
  });

  it('one receiver serves keypads of many windows; an unknown address is reported', async () => {
    const hid = new FakeHid();
    hid.plug(RECEIVER);
    const rec = new Recorder();
    const d = start(
      hid,
      [
        { id: 'kp-3', profile: 'wireless', receiverAddress: 'a1b2c3d4' },
        { id: 'kp-5', profile: 'wireless', receiverAddress: '0000FFFF' },
      ],
      rec,
    );
    await d.start();
    expect(d.attachedKeypads().sort()).toEqual(['kp-3', 'kp-5']);
    for (const r of WIRELESS_SESSION) await hid.emitData(RECEIVER.path, r);
    expect(rec.commands).toEqual([
      { keypadId: 'kp-3', command: { action: 'call_next', typed: '' } },
      { keypadId: 'kp-3', command: { action: 'complete', typed: '' } },
    ]);
    expect(rec.statuses).toContainEqual({ kind: 'unregistered', path: RECEIVER.path, address: '00000007' });
    expect(await d.feedback('kp-5', { kind: 'show', number: 'A001', waiting: 2 })).toBe(true);
    expect(hid.lastWrite(RECEIVER.path)?.slice(0, 5)).toEqual([0x06, 0x00, 0x00, 0xff, 0xff]);
  });

  it('feedback to a keypad that is gone or has no display is refused, not thrown', async () => {
    const hid = new FakeHid();
    hid.plug(VENDOR);
    hid.plug(KEYBOARD);
    const rec = new Recorder();
    const d = start(
      hid,
      [
        { id: 'kp-3', profile: 'vendor' },
        { id: 'kp-1', profile: 'keyboard', vendorId: 0x04d9, productId: 0x1203 },
      ],
      rec,
    );
    await d.start();
    expect(await d.feedback('kp-1', { kind: 'refused', code: 'invalid_state' })).toBe(false);
    expect(await d.feedback('kp-3', { kind: 'refused', code: 'invalid_state' })).toBe(true);
    expect(hid.lastWrite(VENDOR.path)?.slice(0, 3)).toEqual([0x03, 0x42, 2]);
    hid.unplug(VENDOR.path); // gone, 'error' not yet delivered: the write fails like hardware
    expect(await d.feedback('kp-3', { kind: 'show', number: 'A1', waiting: 0 })).toBe(false);
  });

  it('a device that cannot be opened is reported and tried again at the next scan', async () => {
    const hid = new FakeHid();
    hid.plug(VENDOR);
    hid.refuse.add(VENDOR.path);
    const rec = new Recorder();
    const d = start(hid, [{ id: 'kp-3', profile: 'vendor' }], rec);
    await d.start();
    expect(rec.statuses[0]).toMatchObject({ kind: 'open_failed', path: VENDOR.path });
    hid.refuse.delete(VENDOR.path);
    await d.scan();
    expect(d.attachedKeypads()).toEqual(['kp-3']);
  });

  it('the fake refuses overlapping writes, as hardware does', async () => {
    const hid = new FakeHid();
    hid.plug(VENDOR);
    const h = (await hid.open(VENDOR.path)) as FakeHidHandle;
    const first = h.write([1]);
    await expect(h.write([2])).rejects.toBeInstanceOf(FakeHidError);
    await first;
    expect(h.writes).toEqual([[1]]);
  });
});
