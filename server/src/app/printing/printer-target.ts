import type { Device } from '../../domain/index.js';
import type { PaperWidth } from '../../domain/ticket-document.js';

/**
 * Where a kiosk's tickets print, from its device configuration (flat keys,
 * as the device API takes them):
 * - `printer: "tcp://10.0.0.5:9100"`: a network printer, printed to by the hub;
 * - `printer: "agent"`: a printer attached to the kiosk PC, printed by the
 *   print agent that logs in with the kiosk's token;
 * - `printerDeviceId: "…"`: a registered printer device whose own config has
 *   `address: "tcp://…"`.
 * Optional `paper: 58 | 80` overrides the hall's layout width.
 */
export type PrinterTarget =
  | { kind: 'network'; deviceId: string; address: string; paper: PaperWidth | null }
  | { kind: 'agent'; deviceId: string; paper: PaperWidth | null };

const paperOf = (d: Device): PaperWidth | null =>
  d.config.paper === 58 || d.config.paper === 80 ? d.config.paper : null;

export function printerTarget(
  device: Device,
  lookup: (id: string) => Device | undefined,
): PrinterTarget | null {
  if (device.revokedAt !== null) return null;
  const c = device.config;
  if (device.kind === 'printer') {
    return typeof c.address === 'string'
      ? { kind: 'network', deviceId: device.id, address: c.address, paper: paperOf(device) }
      : null;
  }
  if (device.kind !== 'kiosk') return null;
  if (c.printer === 'agent') return { kind: 'agent', deviceId: device.id, paper: paperOf(device) };
  if (typeof c.printer === 'string' && c.printer !== '') {
    return { kind: 'network', deviceId: device.id, address: c.printer, paper: paperOf(device) };
  }
  if (typeof c.printerDeviceId === 'string') {
    const printer = lookup(c.printerDeviceId);
    if (!printer || printer.hallId !== device.hallId || printer.kind !== 'printer') return null;
    return printerTarget(printer, () => undefined);
  }
  return null;
}

/** The printer a job's device id names (the kiosk or the printer device). */
export async function targetOfDevice(
  listDevices: () => Promise<Device[]>,
  deviceId: string,
): Promise<PrinterTarget | null> {
  const devices = await listDevices();
  const byId = new Map(devices.map((d) => [d.id, d]));
  const device = byId.get(deviceId);
  return device ? printerTarget(device, (id) => byId.get(id)) : null;
}
