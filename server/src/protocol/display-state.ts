import type { CallOut, PublicWindow, WaitingCounts } from './payloads.js';

/**
 * What a synced display knows about its hall. Copies are made field by
 * field, so what arrives over the wire with extra fields or shared objects
 * never leaks into the state.
 */
export interface DisplayState {
  seq: number;
  hall: { id: string; name: string };
  windows: PublicWindow[];
  recentCalls: CallOut[];
  counts: WaitingCounts;
}

export function copyCounts(c: WaitingCounts): WaitingCounts {
  return { total: c.total, byService: { ...c.byService }, byDomain: { ...c.byDomain } };
}

export function copyWindow(w: PublicWindow): PublicWindow {
  const c = w.current;
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    kind: w.kind,
    state: w.state,
    pauseReason: w.pauseReason,
    current: c
      ? {
          ticketNumber: c.ticketNumber,
          service: { id: c.service.id, name: c.service.name },
          status: c.status,
          calledAt: c.calledAt,
          priority: c.priority === true,
        }
      : null,
  };
}

export function copyCall(c: CallOut): CallOut {
  return {
    seq: c.seq,
    callId: c.callId,
    ticketNumber: c.ticketNumber,
    window: { id: c.window.id, number: c.window.number, name: c.window.name, kind: c.window.kind },
    service: { id: c.service.id, name: c.service.name },
    voiceText: c.voiceText,
    recall: c.recall,
    kind: c.kind,
    at: c.at,
    priority: c.priority === true,
  };
}
