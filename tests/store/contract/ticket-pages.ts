import { describe, expect, it } from 'vitest';
import { T0 } from '../../helpers/factories.js';
import { issue, seedHall, useStore, type MakeStore } from './setup.js';

/** `listTickets` with `after`: the next page of a list in issue order. */
export function ticketPagesContract(makeStore: MakeStore): void {
  const store = useStore(makeStore);

  describe('listing tickets a page at a time', () => {
    it('continues after the given ticket in issue order, ties on issue time included', async () => {
      const { hall, services } = await seedHall(store());
      for (let i = 0; i < 7; i += 1) {
        // Pairs issued at the same instant, from two matters with their own numbers.
        await issue(store(), services[i % 2]!, { issuedAt: T0 + Math.floor(i / 2) * 1_000 });
      }
      const all = await store().listTickets(hall.id);
      expect(all).toHaveLength(7);
      const pages: string[][] = [];
      let after: (typeof all)[number] | undefined;
      for (;;) {
        const page = await store().listTickets(hall.id, {
          limit: 3,
          ...(after ? { after: { issuedAt: after.issuedAt, number: after.number, id: after.id } } : {}),
        });
        if (page.length === 0) break;
        pages.push(page.map((t) => t.id));
        after = page[page.length - 1];
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(all.map((t) => t.id));
    });
  });
}
