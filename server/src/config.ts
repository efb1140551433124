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

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  STORE: z.enum(['sqlite', 'mongodb']).default('sqlite'),
  MONGODB_URI: z.string().url().optional(),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  HUB_ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
  HUB_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PUBLIC_URL: z.string().url().optional(),
  DEMO: bool.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  TRUST_PROXY: bool.default(false),
  VOICE_ENGINE: z.enum(VOICE_ENGINES).default('auto'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `hid`: read keypads attached to the hub machine itself (node-hid); `off` when keypads use agents. */
  KEYPADS: z.enum(['off', 'hid']).default('off'),
  VIRTUAL_PRINTER_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9100),
  VIRTUAL_PRINTER_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(9180),
  /** How long the hub waits for a network printer's status answer after a job (slow printers answer late). */
  PRINTER_STATUS_WAIT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
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
  return { ...config, dataDir: path.resolve(config.DATA_DIR) };
}
