import { parseArgs } from 'node:util';
import { KeypadDriver, type KeypadSpec } from './driver.js';
import { nodeHidBinding } from './node-hid-binding.js';
import type { HidBinding, KeypadCommand, KeypadFeedback } from './port.js';

/**
 * The keypad agent for a window PC: the same driver as in the hub, reading
 * the keypad plugged into this PC and sending each command to the hub with
 * the keypad's device token. The hub applies its own protections (idempotent
 * call-next, compare-and-set, own window only), so a press sent twice after a
 * network hiccup never skips a citizen.
 *
 *   node --import tsx server/src/devices/keypad/agent.ts --hub http://hub:8080 --token dev_…
 */

interface PressAnswer {
  outcome: string;
  ticketNumber: string | null;
  waiting: number | null;
  code: string | null;
}

export interface KeypadAgent {
  driver: KeypadDriver;
  stop(): Promise<void>;
}

async function call<T>(hub: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(hub + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const data = (await res.json()) as T & { code?: string; detail?: string };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${data.code ?? ''} ${data.detail ?? ''}`);
  return data;
}

export async function startKeypadAgent(opts: {
  hub: string;
  token: string;
  binding: HidBinding;
  scanMs?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
  onAnswer?: (answer: PressAnswer) => void;
}): Promise<KeypadAgent> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const me = await call<{ spec: KeypadSpec | null; device: { name: string } }>(
    opts.hub,
    opts.token,
    'GET',
    '/api/v1/keypads/me',
  );
  if (!me.spec)
    throw new Error('The hub has no usable keypad settings for this token (profile, serial or address).');
  let queue = Promise.resolve();
  const send = (command: KeypadCommand) => {
    queue = queue.then(async () => {
      try {
        const a = await call<PressAnswer>(opts.hub, opts.token, 'POST', '/api/v1/keypads/press', {
          action: command.action,
          ...(command.typed ? { typed: command.typed } : {}),
        });
        const feedback: KeypadFeedback =
          a.outcome === 'refused' || a.outcome === 'unbound'
            ? { kind: 'refused', code: a.code ?? a.outcome }
            : { kind: 'show', number: a.ticketNumber, waiting: a.waiting };
        await driver.feedback(me.spec!.id, feedback);
        log(
          `${command.action}: ${a.outcome}${a.ticketNumber ? ' ' + a.ticketNumber : ''}${a.code ? ' (' + a.code + ')' : ''}`,
        );
        opts.onAnswer?.(a);
      } catch (err) {
        await driver.feedback(me.spec!.id, { kind: 'refused', code: 'network' });
        log(`${command.action}: not sent (${(err as Error).message})`);
      }
    });
  };
  const driver = new KeypadDriver(
    opts.binding,
    {
      command: (_id, command) => send(command),
      status: (s) => log(`keypad ${s.kind}: ${'path' in s ? s.path : ''}`),
    },
    opts.scanMs !== undefined ? { scanMs: opts.scanMs } : {},
  );
  driver.setKeypads([me.spec]);
  await driver.start();
  const beat = () =>
    call(opts.hub, opts.token, 'POST', '/api/v1/keypads/heartbeat', {
      attached: driver.attachedKeypads().length > 0,
    }).catch((err: Error) => log(`heartbeat: ${err.message}`));
  await beat();
  const timer = setInterval(() => void beat(), opts.heartbeatMs ?? 30_000);
  log(`keypad agent for ${me.device.name} (${me.spec.profile}) connected to ${opts.hub}`);
  return {
    driver,
    async stop() {
      clearInterval(timer);
      await driver.stop();
      await queue;
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hub: { type: 'string' }, token: { type: 'string' } } });
  const hub = values.hub ?? process.env.HUB_URL;
  const token = values.token ?? process.env.KEYPAD_TOKEN;
  if (!hub || !token?.startsWith('dev_')) {
    console.error('usage: agent.ts --hub http://hub:8080 --token dev_…  (or HUB_URL, KEYPAD_TOKEN)');
    process.exit(2);
  }
  const agent = await startKeypadAgent({ hub: hub.replace(/\/$/, ''), token, binding: nodeHidBinding() });
  const stop = () => void agent.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
