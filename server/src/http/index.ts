// Placeholder entry point; the HTTP layer is being written.
import express, { type Express } from 'express';
import type { AppDeps, FirstAdminSetup } from '../app/index.js';
import type { RealtimeHub } from '../realtime/index.js';

export interface HttpOptions {
  setup: FirstAdminSetup;
  realtime: RealtimeHub;
  rateLimitPerMinute: number;
  trustProxy: boolean;
  publicUrl?: string;
}

export function createHttpApp(_deps: AppDeps, _options: HttpOptions): Express {
  return express();
}
