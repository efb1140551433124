import { expect, it } from 'vitest';
import type { EventBatch } from '../../../server/src/store/port.js';
import { buildIssueInput, buildService } from '../../helpers/factories.js';
import { issue, seedHall, useStore, type MakeStore } from './setup.js';

/** `followEvents`: every event after the position, in order per hall, once, before the writing call settles. */
export function followContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  it('gives a hall follower the backlog after its seq, then each commit before the write returns', async () => {
    const { hall, services } = await seedHall(store());
    await issue(store(), services[0]);
    await issue(store(), services[0]);
    const from = (await store().lastSeq(hall.id)) - 1;
    const seen: number[] = [];
    let caughtUp!: () => void;
    const backlog = new Promise<void>((resolve) => (caughtUp = resolve));
    const stop = store().followEvents({ hallId: hall.id, afterSeq: from }, (batch: EventBatch) => {
      expect(batch.hallId).toBe(hall.id);
      seen.push(...batch.events.map((e) => e.seq));
      caughtUp();
    });
    try {
      await backlog;
      expect(seen).toEqual([from + 1]);
      const { events } = await store().issueTicket(buildIssueInput(services[1]));
      // Delivered before issueTicket settled.
      expect(seen).toEqual([from + 1, events[0]!.seq]);
      await issue(store(), services[0]);
      expect(seen).toEqual([from + 1, from + 2, from + 3]);
    } finally {
      stop();
    }
  });

  it('gives an every-hall follower only what is committed after it started, in order, once', async () => {
    const a = await seedHall(store());
    const b = await seedHall(store());
    await issue(store(), a.services[0]);
    const seen: string[] = [];
    const stop = store().followEvents({ allHalls: true }, (batch) => {
      for (const e of batch.events) seen.push(`${batch.hallId === a.hall.id ? 'a' : 'b'}${e.seq}`);
    });
    try {
      // Let the follower take its starting point before anything is written.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const startA = await store().lastSeq(a.hall.id);
      const startB = await store().lastSeq(b.hall.id);
      await issue(store(), a.services[0]);
      await issue(store(), b.services[0]);
      await store().saveService(buildService(b.hall), []);
      await issue(store(), a.services[1]);
      expect(seen).toEqual([`a${startA + 1}`, `b${startB + 1}`, `a${startA + 2}`]);
    } finally {
      stop();
    }
  });

  it('stops giving events once unsubscribed', async () => {
    const { hall, services } = await seedHall(store());
    const seen: number[] = [];
    const stop = store().followEvents({ hallId: hall.id, afterSeq: await store().lastSeq(hall.id) }, (b) => {
      seen.push(...b.events.map((e) => e.seq));
    });
    await issue(store(), services[0]);
    stop();
    await issue(store(), services[0]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(1);
  });
}
