import { z } from 'zod';
import {
  HALL_LEVELS,
  PREFIX_PATTERN,
  PRIORITY_CATEGORIES,
  PRIORITY_DECLARERS,
  WINDOW_KINDS,
} from '../../domain/index.js';
import { isPrinterAddress } from '@hall-queue/ticket-printer/transports/open-printer.js';
import { id, name } from './common.js';

/** Shapes of the configuration: halls, matters, windows, users, devices, and the export file. */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
const span = z.strictObject({ open: hhmm, close: hhmm });
const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const calendar = z.strictObject({
  weekly: z.array(z.array(span).max(6)).length(7).describe('index 0 = Sunday … 6 = Saturday'),
  holidays: z.array(dayKey).max(400),
  special: z.record(dayKey, z.array(span).max(6)),
});

export const headStarts = z.strictObject({
  urgent: minutes,
  key_project: minutes,
  elderly: minutes,
  child: minutes,
  sick: minutes,
  disabled: minutes,
  pregnant: minutes,
  military: minutes,
  appointment: minutes,
});

export const rulesPatch = z.strictObject({
  headStarts: headStarts.partial().optional(),
  recallLimit: z.number().int().min(0).max(10).optional(),
  noShowReactivateMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  reentryBehind: z.number().int().min(0).max(100).optional(),
  idempotencyMs: z.number().int().min(0).max(60_000).optional(),
  completeOnNext: z.boolean().optional(),
  numberDigits: z.number().int().min(1).max(6).optional(),
  priorityCategories: z
    .array(z.strictObject({ category: z.enum(PRIORITY_CATEGORIES), declaredBy: z.enum(PRIORITY_DECLARERS) }))
    .max(PRIORITY_CATEGORIES.length)
    .optional()
    .describe('the categories the hall offers, each declared by `citizen` (at the kiosk) or `staff` only'),
});

export const hallInput = z.strictObject({
  name,
  level: z.enum(HALL_LEVELS).optional(),
  timeZone: z.string().min(1).max(64).optional().describe('IANA time zone, default Asia/Shanghai'),
  calendar: calendar.optional(),
  rules: rulesPatch.optional(),
});

export const serviceInput = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a code of letters, digits, - or _'),
  name,
  domain: z.string().trim().min(1).max(50),
  prefix: z.string().regex(PREFIX_PATTERN, '1–3 capital letters'),
  crossRegion: z.boolean().optional(),
  cannotHandle: z.boolean().optional(),
  dedicated: z.boolean().optional(),
  expectedMinutes: z.number().int().min(1).max(480).optional(),
  pinyin: z
    .string()
    .regex(/^[a-z]{0,40}$/, 'lower-case pinyin initials')
    .optional(),
  enabled: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

const windowConfig = {
  number: z.number().int().min(1).max(9999),
  name,
  kind: z.enum(WINDOW_KINDS),
  domains: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  overflow: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
};

export const windowInput = z.strictObject({
  ...windowConfig,
  serviceIds: z.array(id).max(500).optional(),
  clerkIds: z.array(id).max(200).optional(),
});

export const configFile = z.strictObject({
  format: z.literal('hall-queue.hall-config'),
  version: z.literal(1),
  hall: hallInput,
  services: z.array(serviceInput).max(2000),
  windows: z
    .array(
      z.strictObject({ ...windowConfig, services: z.array(serviceInput.shape.code).max(500).optional() }),
    )
    .max(500),
});

const password = z.string().min(10, 'at least 10 characters').max(200);
export const username = z.string().regex(/^[A-Za-z0-9_.-]{2,64}$/, '2–64 letters, digits, _ . or -');

export const userInput = z.strictObject({
  username,
  password,
  role: z.enum(['admin', 'supervisor', 'clerk']),
  displayName: name.optional(),
  staffNo: z.string().max(32).optional(),
  hallIds: z.array(id).max(100).optional(),
  disabled: z.boolean().optional(),
});

export const userPatch = userInput.omit({ username: true }).partial();

/**
 * A printer address the hub would not understand (or an option it would
 * ignore, like `?status=2`) is refused here, not discovered at the first print.
 */
const deviceConfig = z
  .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .superRefine((config, ctx) => {
    for (const key of ['printer', 'address'] as const) {
      const v = config[key];
      if (typeof v !== 'string' || v === '' || (key === 'printer' && v === 'agent')) continue;
      if (!isPrinterAddress(v))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'a printer address: tcp://host:9100 (add ?status=0 for a printer without status), /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600',
        });
    }
  });

export const deviceInput = z.strictObject({
  kind: z.enum(['printer', 'keypad', 'display', 'evaluator', 'kiosk']),
  name,
  windowId: id.nullable().optional(),
  config: deviceConfig.optional(),
});

export const devicePatch = deviceInput.omit({ kind: true }).partial();

export { password };
