import { z } from 'zod';
import { DEFAULT_LAYOUT, PAPER_WIDTHS, type TicketLayout } from '../../domain/ticket-document.js';
import { configChanged, type Actor } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';

/** The hall setting `ticket-layout`: paper width, logo text and notice lines of the printed ticket. */
export const TICKET_LAYOUT_KEY = 'ticket-layout';

export const ticketLayoutSchema = z.strictObject({
  paper: z
    .union(PAPER_WIDTHS.map((w) => z.literal(w)) as [z.ZodLiteral<58>, z.ZodLiteral<80>])
    .describe('paper width in mm: 58 or 80'),
  logoText: z.string().trim().max(40).describe('line above the hall name; empty for none'),
  notice: z
    .array(z.string().trim().min(1).max(60))
    .max(6)
    .describe('notice lines at the foot (过号 rules, 好差评)'),
});

export async function getTicketLayout(deps: AppDeps, hallId: string): Promise<TicketLayout> {
  await requireHall(deps, hallId);
  const stored = ticketLayoutSchema.safeParse(await deps.store.getHallSetting(hallId, TICKET_LAYOUT_KEY));
  // A setting written by an older version that no longer validates falls back to the default, never breaks printing.
  return stored.success ? stored.data : { ...DEFAULT_LAYOUT, notice: [...DEFAULT_LAYOUT.notice] };
}

export async function saveTicketLayout(
  deps: AppDeps,
  props: { hallId: string; layout: TicketLayout; actor: Actor },
): Promise<TicketLayout> {
  const hall = await requireHall(deps, props.hallId);
  await deps.store.saveHallSetting(hall.id, TICKET_LAYOUT_KEY, props.layout, deps.now(), [
    configChanged(
      { hallId: hall.id, at: deps.now(), actor: props.actor },
      { entity: 'ticket-layout', action: 'updated', subjectId: TICKET_LAYOUT_KEY },
    ),
  ]);
  return props.layout;
}
