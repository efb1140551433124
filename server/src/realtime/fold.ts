import type { Outgoing } from './messages.js';

/**
 * One call-next with the window's previous ticket still open commits three
 * events: that ticket started, completed, and the next one called. Screens
 * need only the last message: counts are absolute and the call sets the
 * window's current ticket. So a `queue:counts` is folded into the message
 * after it in the same batch when that message carries counts too and
 * concerns the same window (or the counts message concerns none); the later
 * message then names the run it stands for with `fromSeq`. This cuts what
 * every display receives per call-out from three messages to one.
 *
 * Returns the indexes of the messages not to send on the public feeds
 * (their staff `ticket:changed` still goes out). Mutates the kept payloads.
 */
export function foldCounts(out: readonly Outgoing[]): Set<number> {
  const folded = new Set<number>();
  let from: number | undefined;
  out.forEach((o, i) => {
    const next = out[i + 1];
    if (from !== undefined) o.message.payload.fromSeq = from;
    if (o.message.event === 'queue:counts' && next && carries(next, o.message.payload.window?.id ?? null)) {
      folded.add(i);
      from = o.message.payload.fromSeq ?? o.message.payload.seq;
      return;
    }
    from = undefined;
  });
  return folded;
}

/** Whether `next` carries counts and, when a window changed, that same window's state. */
function carries(next: Outgoing, windowId: string | null): boolean {
  const m = next.message;
  switch (m.event) {
    case 'ticket:called':
      return windowId === null || m.payload.window.id === windowId;
    case 'queue:counts':
      return windowId === null || m.payload.window?.id === windowId;
    case 'ticket:issued':
      return windowId === null;
    case 'window:changed':
    case 'hall:config':
      return false;
  }
}
