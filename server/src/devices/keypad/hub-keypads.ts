import {
  keypadSpecOf,
  pressKeypad,
  reportKeypadPresence,
  type AppDeps,
  type KeypadPressResult,
} from '../../app/index.js';
import { KeypadDriver, type DriverStatus } from './driver.js';
import type { HidBinding, KeypadFeedback } from './port.js';

/**
 * Keypads plugged into the hub machine itself: the driver runs in the hub
 * and presses go straight to the use cases. The list of keypads follows the
 * registered devices (re-read when a device changes).
 */

export interface HubKeypads {
  driver: KeypadDriver;
  /** The last result per keypad (what its display shows). */
  results: Map<string, KeypadPressResult>;
  /** Stops the driver and waits for presses being handled. */
  stop(): Promise<void>;
}

export function feedbackOf(r: KeypadPressResult): KeypadFeedback {
  return r.outcome === 'refused' || r.outcome === 'unbound'
    ? { kind: 'refused', code: r.code ?? r.outcome }
    : { kind: 'show', number: r.ticketNumber, waiting: r.waiting };
}

export async function startHubKeypads(
  deps: AppDeps,
  binding: HidBinding,
  options: {
    scanMs?: number;
    onPress?: (deviceId: string, r: KeypadPressResult) => void;
    log?: (line: string) => void;
  } = {},
): Promise<HubKeypads> {
  const results = new Map<string, KeypadPressResult>();
  const log = options.log ?? (() => undefined);
  // Presses of one keypad are handled one after the other, in the order pressed.
  const queues = new Map<string, Promise<void>>();

  const driver: KeypadDriver = new KeypadDriver(
    binding,
    {
      command(keypadId, command) {
        const previous = queues.get(keypadId) ?? Promise.resolve();
        const next = previous.then(async () => {
          try {
            const r = await pressKeypad(deps, { deviceId: keypadId, command });
            results.set(keypadId, r);
            await driver.feedback(keypadId, feedbackOf(r));
            options.onPress?.(keypadId, r);
          } catch (err) {
            log(`keypad ${keypadId}: ${(err as Error).message}`);
          }
        });
        queues.set(keypadId, next);
      },
      status(s: DriverStatus) {
        if (s.kind === 'attached' || s.kind === 'detached') {
          for (const id of s.keypadIds) {
            void deps.store
              .getDevice(id)
              .then((d) => d && reportKeypadPresence(deps, d, s.kind === 'attached', 'hub'))
              .catch((err: unknown) => log(`keypad ${id}: ${String(err)}`));
          }
          if (s.kind === 'attached')
            for (const id of s.keypadIds) {
              // A busy or deleted device row must not take the hub down with an unhandled rejection.
              deps.store
                .touchDevice(id, deps.now())
                .catch((err: unknown) => log(`keypad ${id}: ${String(err)}`));
            }
        }
        if (s.kind === 'unregistered')
          log(`keypad address ${s.address ?? '?'} on ${s.path} is not registered`);
        if (s.kind === 'open_failed') log(`cannot open ${s.path}: ${s.reason}`);
      },
    },
    options.scanMs !== undefined ? { scanMs: options.scanMs } : {},
  );

  const reload = async () => {
    const devices = await deps.store.listDevices();
    driver.setKeypads(devices.map(keypadSpecOf).filter((s) => s !== null));
  };
  const unsubscribe = deps.store.followEvents({ allHalls: true }, ({ events }) => {
    if (events.some((e) => e.type === 'config.changed' && e.data.entity === 'device')) {
      reload()
        .then(() => driver.scan())
        .catch((err: unknown) => log(`keypads: reloading the registry failed: ${String(err)}`));
    }
  });
  await reload();
  await driver.start();
  return {
    driver,
    results,
    async stop() {
      unsubscribe();
      await driver.stop();
      await Promise.all(queues.values());
    },
  };
}
