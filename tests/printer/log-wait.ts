import type { EventOf, EventType } from '../../server/src/domain/index.js';
import type { Store } from '../../server/src/store/port.js';

/** Resolves with the first committed event of this type that matches (no sleeps: the followed log says when). */
export function nextEvent<T extends EventType>(
  store: Store,
  type: T,
  match: (e: EventOf<T>) => boolean = () => true,
): Promise<EventOf<T>> {
  return new Promise((resolve) => {
    const off = store.followEvents({ allHalls: true }, ({ events }) => {
      const e = events.find((x): x is typeof x & EventOf<T> => x.type === type && match(x as EventOf<T>));
      if (!e) return;
      off();
      resolve(e);
    });
  });
}
