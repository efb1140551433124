import { EventEmitter } from 'node:events';
import type { HidBinding, HidDeviceInfo, HidHandle } from './port.js';

/**
 * A fake HID layer that behaves like node-hid (STYLE.md: node-serialport's
 * mock binding): devices are plugged and unplugged by the test, reports are
 * delivered on a later tick, an unplugged device emits 'error' once and then
 * refuses writes, a closed handle refuses writes, and overlapping writes
 * throw as they do on hardware. Code that is wrong against a real keypad is
 * wrong against this too.
 */

export class FakeHidError extends Error {
  constructor(
    message: string,
    readonly flags: { disconnected?: boolean; closed?: boolean; busy?: boolean },
  ) {
    super(message);
    this.name = 'FakeHidError';
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeHidHandle extends EventEmitter implements HidHandle {
  closed = false;
  gone = false;
  readonly writes: number[][] = [];
  private writing = false;

  constructor(readonly info: HidDeviceInfo) {
    super();
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.writing) throw new FakeHidError('write already in progress', { busy: true });
    this.writing = true;
    try {
      await tick();
      if (this.closed) throw new FakeHidError('Cannot write to a closed HID device', { closed: true });
      if (this.gone) throw new FakeHidError('Cannot write to HID device', { disconnected: true });
      this.writes.push([...values]);
      return values.length;
    } finally {
      this.writing = false;
    }
  }

  async close(): Promise<void> {
    await tick();
    this.closed = true;
  }
}

export class FakeHid implements HidBinding {
  private readonly plugged = new Map<string, HidDeviceInfo>();
  /** Every handle ever opened, newest last. */
  readonly handles: FakeHidHandle[] = [];
  /** Paths that refuse to open (permissions), for tests of that path. */
  readonly refuse = new Set<string>();

  plug(info: Partial<HidDeviceInfo> & { path: string; vendorId: number; productId: number }): void {
    this.plugged.set(info.path, { interface: 0, ...info });
  }

  /** Pulls the cable: the open handle gets 'error' on a later tick, as node-hid's read loop does. */
  unplug(path: string): void {
    this.plugged.delete(path);
    for (const h of this.openHandles(path)) {
      h.gone = true;
      setImmediate(() =>
        h.emit('error', new FakeHidError('could not read from HID device', { disconnected: true })),
      );
    }
  }

  /** Delivers one input report to the open handle(s) of `path`, on a later tick. */
  async emitData(path: string, report: number[]): Promise<void> {
    const handles = this.openHandles(path);
    if (handles.length === 0) throw new Error(`no open handle for ${path}`);
    await tick();
    for (const h of handles) h.emit('data', Buffer.from(report));
  }

  openHandles(path: string): FakeHidHandle[] {
    return this.handles.filter((h) => h.info.path === path && !h.closed && !h.gone);
  }

  lastWrite(path: string): number[] | undefined {
    return this.handles
      .filter((h) => h.info.path === path)
      .flatMap((h) => h.writes)
      .at(-1);
  }

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    await tick();
    return [...this.plugged.values()].map((d) => ({ ...d }));
  }

  async open(path: string): Promise<HidHandle> {
    await tick();
    const info = this.plugged.get(path);
    if (!info || this.refuse.has(path)) throw new FakeHidError(`cannot open device with path ${path}`, {});
    const handle = new FakeHidHandle(info);
    this.handles.push(handle);
    return handle;
  }
}
