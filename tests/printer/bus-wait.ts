import type { EventBus } from '../../server/src/app/index.js';
import type { EventType, HallEvent } from '../../server/src/domain/index.js';

/** Resolves with the first committed event of this type that matches (no sleeps: the bus says when). */
export function nextEvent(
  bus: EventBus,
  type: EventType,
  match: (e: HallEvent) => boolean = () => true,
): Promise<HallEvent> {
  return new Promise((resolve) => {
    const off = bus.subscribe(({ events }) => {
      const e = events.find((x) => x.type === type && match(x));
      if (!e) return;
      off();
      resolve(e);
    });
  });
}
