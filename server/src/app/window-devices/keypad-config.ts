import { DomainError } from '../../domain/index.js';
import {
  PROFILE_NAMES,
  keyMapProblems,
  type KeyMap,
  type KeypadSpec,
  type ProfileName,
} from './keypad-contract.js';
import type { Device } from '../../domain/index.js';

/**
 * A keypad's settings live in `device.config`:
 * `{ profile, serial?, vendorId?, productId?, usagePage?, receiverAddress?, keyMap?, prefix? }`.
 * A keypad is found by its serial number (wired) or by its address on a
 * wireless receiver; `prefix` is the letter put before digits typed on a
 * keypad without letters (23 → A023).
 */
export interface KeypadConfig {
  profile: ProfileName;
  serial?: string;
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  receiverAddress?: string;
  keyMap?: KeyMap;
  prefix?: string;
}

const USB_ID = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff;

/** Problems of a keypad config, empty when it is usable. */
export function keypadConfigProblems(config: Record<string, unknown>): string[] {
  const p: string[] = [];
  if (!(PROFILE_NAMES as readonly unknown[]).includes(config.profile))
    p.push(`profile: one of ${PROFILE_NAMES.join(', ')}`);
  for (const k of ['vendorId', 'productId', 'usagePage'] as const)
    if (config[k] !== undefined && !USB_ID(config[k])) p.push(`${k}: a number 0–65535`);
  if (
    config.serial !== undefined &&
    (typeof config.serial !== 'string' || !/^[\w.:-]{1,64}$/.test(config.serial))
  )
    p.push('serial: 1–64 letters, digits, . : - _');
  if (config.receiverAddress !== undefined && !/^[0-9A-Fa-f]{8}$/.test(String(config.receiverAddress)))
    p.push('receiverAddress: 8 hexadecimal digits');
  if (config.profile === 'wireless' && config.receiverAddress === undefined)
    p.push('receiverAddress: a wireless keypad is found by its address');
  if (config.profile === 'keyboard' && (config.vendorId === undefined || config.productId === undefined))
    p.push('vendorId and productId: a keyboard-style keypad is found by its USB ids');
  if (config.prefix !== undefined && !/^[A-Z]{1,3}$/.test(String(config.prefix)))
    p.push('prefix: 1–3 capital letters');
  if (config.keyMap !== undefined) {
    if (typeof config.keyMap !== 'object' || config.keyMap === null || Array.isArray(config.keyMap))
      p.push('keyMap: an object of key → action');
    else p.push(...keyMapProblems(config.keyMap as Record<string, unknown>));
  }
  return p;
}

export function requireKeypadConfig(config: Record<string, unknown>): KeypadConfig {
  const problems = keypadConfigProblems(config);
  if (problems.length > 0)
    throw new DomainError('invalid_config', `The keypad settings are not valid: ${problems.join('; ')}.`, {
      problems,
    });
  return config as unknown as KeypadConfig;
}

/** The driver's view of a registered keypad, or null when its config is not usable. */
export function keypadSpecOf(device: Device): KeypadSpec | null {
  if (device.kind !== 'keypad' || device.revokedAt !== null) return null;
  if (keypadConfigProblems(device.config).length > 0) return null;
  const c = device.config as unknown as KeypadConfig;
  return {
    id: device.id,
    profile: c.profile,
    ...(c.serial !== undefined ? { serial: c.serial } : {}),
    ...(c.vendorId !== undefined ? { vendorId: c.vendorId } : {}),
    ...(c.productId !== undefined ? { productId: c.productId } : {}),
    ...(c.usagePage !== undefined ? { usagePage: c.usagePage } : {}),
    ...(c.receiverAddress !== undefined ? { receiverAddress: c.receiverAddress.toUpperCase() } : {}),
    ...(c.keyMap !== undefined ? { keyMap: c.keyMap } : {}),
  };
}
