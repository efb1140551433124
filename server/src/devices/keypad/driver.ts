import type { KeypadSpec } from '../../app/window-devices/keypad-contract.js';
import { KeypadInput } from './key-map.js';
import { PROFILES } from './profiles/index.js';
import type {
  HidBinding,
  HidDeviceInfo,
  HidHandle,
  KeyPress,
  KeypadCommand,
  KeypadFeedback,
  KeypadProfile,
} from './port.js';

/**
 * The keypad driver: finds configured keypads among the HID devices, opens
 * them, decodes their reports into commands, and finds them again after they
 * are unplugged and plugged back (every scan reopens what is missing). It
 * runs the same inside the hub and in the keypad agent on a window PC; the
 * HID binding is injected (node-hid, or the fake HID layer of the tests).
 */

export type { KeypadSpec } from '../../app/window-devices/keypad-contract.js';

export type DriverStatus =
  | { kind: 'attached'; path: string; keypadIds: string[] }
  | { kind: 'detached'; path: string; keypadIds: string[]; reason: string }
  | { kind: 'open_failed'; path: string; reason: string }
  /** A wireless keypad that no configured keypad claims was pressed. */
  | { kind: 'unregistered'; path: string; address: string | null };

export interface DriverHandlers {
  command(keypadId: string, command: KeypadCommand): void;
  status?(status: DriverStatus): void;
}

interface Opened {
  path: string;
  profile: KeypadProfile;
  handle: HidHandle;
  specs: KeypadSpec[];
  inputs: Map<string, KeypadInput>;
}

function matches(spec: KeypadSpec, info: HidDeviceInfo): boolean {
  const profile = PROFILES[spec.profile];
  if (!profile) return false;
  if (spec.serial !== undefined && spec.serial !== info.serialNumber) return false;
  const ids =
    spec.vendorId !== undefined && spec.productId !== undefined
      ? [{ vendorId: spec.vendorId, productId: spec.productId, usagePage: spec.usagePage }]
      : profile.match;
  return ids.some(
    (m) =>
      m.vendorId === info.vendorId &&
      m.productId === info.productId &&
      // Some back ends report no usage page (0); only a known, different page rules a device out.
      (m.usagePage === undefined || !info.usagePage || m.usagePage === info.usagePage),
  );
}

export class KeypadDriver {
  private specs: KeypadSpec[] = [];
  private readonly opened = new Map<string, Opened>();
  private scanning: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  /** The configuration changed: reopen with the new keypads at the next scan. */
  private dirty = false;

  constructor(
    private readonly binding: HidBinding,
    private readonly handlers: DriverHandlers,
    private readonly options: { scanMs?: number } = {},
  ) {}

  /** Replaces the configured keypads; devices no keypad claims any more are closed at the next scan. */
  setKeypads(specs: KeypadSpec[]): void {
    this.specs = specs.filter((s) => PROFILES[s.profile] !== undefined);
    this.dirty = true;
  }

  /** Scans now and then every `scanMs` (default 2 s): that is what makes a replugged keypad resume. */
  start(): Promise<void> {
    this.stopped = false;
    this.timer ??= setInterval(() => void this.scan(), this.options.scanMs ?? 2000);
    this.timer.unref?.();
    return this.scan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scanning;
    await Promise.all([...this.opened.values()].map((o) => this.drop(o, 'stopped', false)));
  }

  /** Keypad ids whose device is open now. */
  attachedKeypads(): string[] {
    return [...this.opened.values()].flatMap((o) =>
      o.profile.addressed ? o.specs.map((s) => s.id) : o.specs.slice(0, 1).map((s) => s.id),
    );
  }

  /** One discovery pass; concurrent calls share it. */
  scan(): Promise<void> {
    this.scanning ??= this.doScan().finally(() => (this.scanning = null));
    return this.scanning;
  }

  /** Shows a number or signals a refusal where the keypad's profile has output; false when it could not. */
  async feedback(keypadId: string, feedback: KeypadFeedback): Promise<boolean> {
    const o = [...this.opened.values()].find((x) => x.specs.some((s) => s.id === keypadId));
    const spec = o?.specs.find((s) => s.id === keypadId);
    if (!o || !spec || !o.profile.encodeFeedback) return false;
    const reports = o.profile.encodeFeedback(feedback, spec.receiverAddress?.toUpperCase() ?? null);
    if (!reports) return false;
    try {
      for (const r of reports) await o.handle.write(r);
      return true;
    } catch {
      // Gone between the press and the answer; the 'error' event detaches it.
      return false;
    }
  }

  private async doScan(): Promise<void> {
    if (this.stopped) return;
    if (this.dirty) {
      this.dirty = false;
      await Promise.all([...this.opened.values()].map((o) => this.drop(o, 'reconfigured', false)));
    }
    const infos = await this.binding.devicesAsync();
    const present = new Set(infos.map((i) => i.path));
    for (const o of [...this.opened.values()]) {
      if (!present.has(o.path)) await this.drop(o, 'not listed any more', true);
    }
    const claimed = new Set(
      [...this.opened.values()].filter((o) => !o.profile.addressed).flatMap((o) => o.specs.map((s) => s.id)),
    );
    for (const info of infos) {
      if (this.stopped || !info.path || this.opened.has(info.path)) continue;
      const specs = this.specs.filter((s) => matches(s, info) && !claimed.has(s.id));
      if (specs.length === 0) continue;
      const profile = PROFILES[specs[0]!.profile]!;
      // A wired keypad is one device; a receiver carries every keypad addressed through it.
      const mine = profile.addressed ? specs.filter((s) => s.profile === profile.name) : [specs[0]!];
      if (!profile.addressed) claimed.add(mine[0]!.id);
      await this.open(info.path, profile, mine);
    }
  }

  private async open(path: string, profile: KeypadProfile, specs: KeypadSpec[]): Promise<void> {
    let handle: HidHandle;
    try {
      handle = await this.binding.open(path);
    } catch (err) {
      this.handlers.status?.({ kind: 'open_failed', path, reason: (err as Error).message });
      return;
    }
    const o: Opened = {
      path,
      profile,
      handle,
      specs,
      inputs: new Map(specs.map((s) => [s.id, new KeypadInput(s.keyMap)])),
    };
    this.opened.set(path, o);
    const decode = profile.newDecoder();
    handle.on('data', (report: Buffer) => {
      for (const press of decode(report)) this.route(o, press);
    });
    handle.once('error', (err: Error) => void this.drop(o, err.message, true));
    this.handlers.status?.({ kind: 'attached', path, keypadIds: specs.map((s) => s.id) });
  }

  private route(o: Opened, press: KeyPress): void {
    const spec = o.profile.addressed
      ? o.specs.find((s) => s.receiverAddress?.toUpperCase() === press.address)
      : o.specs[0];
    if (!spec) {
      this.handlers.status?.({ kind: 'unregistered', path: o.path, address: press.address });
      return;
    }
    const command = o.inputs.get(spec.id)?.press(press.key);
    if (command) this.handlers.command(spec.id, command);
  }

  private async drop(o: Opened, reason: string, report: boolean): Promise<void> {
    if (this.opened.get(o.path) !== o) return;
    this.opened.delete(o.path);
    o.handle.removeAllListeners('data');
    // node-hid may emit 'error' again while closing; keep a listener so it is not thrown.
    o.handle.on('error', () => undefined);
    await o.handle.close().catch(() => undefined);
    if (report)
      this.handlers.status?.({ kind: 'detached', path: o.path, keypadIds: o.specs.map((s) => s.id), reason });
  }
}
