import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';
import { VOICE_ENGINES } from './voice/synth.js';

/**
 * Environment configuration, checked once at start-up. A bad value stops the
 * hub with a message naming the variable, before anything listens.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Express's names for address ranges, accepted in a proxy list. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which reverse proxies may set `X-Forwarded-For`: `false` (none), a hop count
 * (the number of proxies in front of the hub), or a comma-separated list of
 * proxy addresses / subnets. `true` is refused: it would trust any client's
 * header, so anyone could pick the address the rate limits count.
 */
export type TrustProxy = false | number | string[];

const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    if (['false', 'no', '0', 'off'].includes(v)) return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count is at most 10' });
      return z.NEVER;
    }
    if (['true', 'yes', 'on'].includes(v)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'trusting every X-Forwarded-For lets any client choose its address; give the number of proxies in front of the hub (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16)',
      });
      return z.NEVER;
    }
    const entries = v.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !proxyAddress(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not a proxy address or subnet: ${bad.map((b) => JSON.stringify(b)).join(', ')} (use a hop count, IP addresses, CIDR subnets, loopback, linklocal or uniquelocal)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  STORE: z.enum(['sqlite', 'mongodb']).default('sqlite'),
  // Not z.url(): a replica set's URI names several hosts (`mongodb://db1:27017,db2:27017/hall`), which URL parsing refuses.
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/[^/\s]+/, 'must be a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  HUB_ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
  HUB_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PUBLIC_URL: z.string().url().optional(),
  DEMO: bool.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  TRUST_PROXY: trustProxy.default(false),
  VOICE_ENGINE: z.enum(VOICE_ENGINES).default('auto'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `hid`: read keypads attached to the hub machine itself (node-hid); `off` when keypads use agents. */
  KEYPADS: z.enum(['off', 'hid']).default('off'),
  VIRTUAL_PRINTER_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9100),
  VIRTUAL_PRINTER_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(9180),
  /** How long the hub waits for a network printer's status answer after a job (slow printers answer late). */
  PRINTER_STATUS_WAIT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  /** Where booking confirmations and reminders go: the hub's log, an HTTP SMS gateway, or nowhere (kept as failed). */
  NOTIFY_PROVIDER: z.enum(['log', 'sms-http', 'off']).default('log'),
  NOTIFY_SMS_URL: z.string().url().optional(),
  NOTIFY_SMS_TOKEN: z.string().min(1).optional(),
  /** How long before the slot the reminder goes out. */
  NOTIFY_REMINDER_LEAD_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
});

export type HubConfig = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k in schema.shape && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.STORE === 'mongodb' && !config.MONGODB_URI) {
    throw new ConfigError('Invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  }
  if (config.NOTIFY_PROVIDER === 'sms-http' && !config.NOTIFY_SMS_URL) {
    throw new ConfigError('Invalid configuration:\n  NOTIFY_SMS_URL: required when NOTIFY_PROVIDER=sms-http');
  }
  return { ...config, dataDir: path.resolve(config.DATA_DIR) };
}
