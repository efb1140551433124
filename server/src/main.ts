import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type HubConfig } from './config.js';
import { createApplication } from './create-app.js';
import { notifyDeps } from './notify/config.js';
import { createJobBackend } from './jobs/index.js';
import { createLogger, type Logger } from './logger.js';
import { StoreFileError } from './store/sqlite/index.js';
import { MongoStoreError } from './store/mongodb/connection.js';
import { openConfiguredStore } from './store/index.js';
import { seedDemoHall, DEMO_HALL_ID, DEMO_HALL_NAME } from './demo/seed.js';
import { startDemoPrinting } from './devices/printer/demo-printer.js';
import { nodeHidBinding } from './devices/keypad/node-hid-binding.js';
import type { Store } from './store/port.js';
import { HubVoice } from './voice/espeak.js';
import { hubBaseUrl } from './realtime/print-agents.js';
import { startBanner } from './web/start-banner.js';

/**
 * Chooses the adapters from the configuration and starts the hub. What it
 * prints at start (addresses, the one-time setup code) is for the person who
 * started it and is printed whatever LOG_LEVEL says; everything after goes
 * through the logger.
 */

async function openStore(config: HubConfig, log: Logger): Promise<Store> {
  // DATA_DIR still holds the demo kiosk's token and other local files in MongoDB mode.
  prepareDataDir(config.dataDir);
  return openConfiguredStore(config, (err) => log.error({ err }, 'a follower of the hall log failed'));
}

/**
 * A store folder the hub creates is its user's alone (0700): it holds staff
 * password hashes and the day's tickets. An existing folder keeps the access its owner gave it.
 */
function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new StoreFileError(
      dir,
      `Cannot create DATA_DIR ${dir} (${err instanceof Error ? err.message : String(err)}): create it, or point DATA_DIR at a folder the hub's user may write.`,
    );
  }
}

/** KEYPADS=hid needs the native node-hid module; say so plainly when it cannot load. */
function hidBinding() {
  try {
    return nodeHidBinding();
  } catch (err) {
    throw new ConfigError(
      `KEYPADS=hid: node-hid cannot be loaded here (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const store = await openStore(config, log);
  const server = createServer();
  const voice = new HubVoice(config.VOICE_ENGINE);
  const hub = createApplication(server, {
    store,
    log,
    deps: notifyDeps(config, log),
    options: {
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
      jobs: { backend: createJobBackend(config) },
      printerStatusWaitMs: config.PRINTER_STATUS_WAIT_MS,
      voice,
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
      ...(config.KEYPADS === 'hid' ? { keypads: { binding: hidBinding() } } : {}),
    },
  });
  if (config.DEMO && (await store.listHalls()).length === 0) {
    const demo = await seedDemoHall(hub.deps);
    log.info(
      { hallId: demo.hall.id, matters: demo.services.length, windows: demo.windows.length },
      `created the demo hall ${DEMO_HALL_NAME}`,
    );
  }
  const code = await hub.setup.prepare(hub.deps, {
    username: config.HUB_ADMIN_USERNAME,
    ...(config.HUB_ADMIN_PASSWORD ? { password: config.HUB_ADMIN_PASSWORD } : {}),
  });
  await hub.realtime.printRecovered;
  // Known before the hub says it listens: whoever waits for that line may stop it at once.
  const speech = await voice.engine();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const base =
    config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  log.info({ url: base, dataDir: config.dataDir }, 'hub listening');
  const banner = startBanner({
    base,
    dataDir: config.dataDir,
    halls: await store.listHalls(),
    keypadsHid: config.KEYPADS === 'hid',
    publicUrl: Boolean(config.PUBLIC_URL),
    qrBase: hubBaseUrl(hub.realtime.io),
  });
  for (const line of banner.lines) console.log(line);
  for (const warning of banner.warnings) console.warn(`Warning: ${warning}`);
  if (speech) {
    console.log(
      `  voice         espeak-ng ${speech.name === 'system' ? 'program' : 'WebAssembly build'} for boards without a browser voice`,
    );
  } else {
    console.warn(
      `  WARNING: no call-out voice (VOICE_ENGINE=${config.VOICE_ENGINE}): boards whose browser has no Mandarin voice will only chime.`,
    );
  }
  const demoPrinting =
    config.DEMO && (await store.getHall(DEMO_HALL_ID))
      ? await startDemoPrinting(hub.deps, {
          hallId: DEMO_HALL_ID,
          baseUrl: base,
          printerPort: config.VIRTUAL_PRINTER_PORT === 'off' ? null : config.VIRTUAL_PRINTER_PORT,
          webPort: config.VIRTUAL_PRINTER_WEB_PORT,
          tokenFile: path.join(config.dataDir, 'demo-kiosk-token'),
        })
      : null;
  if (demoPrinting) {
    console.log(`  demo kiosk    ${demoPrinting.kioskUrl}`);
    console.log(
      `  printer       ${demoPrinting.printerAddress} (virtual)${demoPrinting.webUrl ? `, printed tickets at ${demoPrinting.webUrl}` : ''}`,
    );
  }
  if (code) {
    console.log(`\nNo administrator yet. One-time setup code: ${code}`);
    console.log(`  POST ${base}/api/v1/setup {"code":"${code}","username":"admin","password":"…"}`);
    console.log('  or set HUB_ADMIN_PASSWORD before the first start.\n');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing.`);
    await hub.close();
    await demoPrinting?.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StoreFileError || err instanceof MongoStoreError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
