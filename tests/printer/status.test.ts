import { describe, expect, it } from 'vitest';
import {
  READY,
  STATUS_REQUESTS,
  canPrint,
  isStatusByte,
  parseStatus,
  statusReply,
} from '../../ticket-printer/src/index.js';

/** DLE EOT answers, bit by bit, in both directions (the virtual printer answers what the transports read). */
describe('real-time status', () => {
  const roundTrip = (patch: Partial<typeof READY>) =>
    parseStatus(STATUS_REQUESTS.map((n) => statusReply(n, { ...READY, ...patch })));

  it('reads a ready printer', () => {
    expect(STATUS_REQUESTS.map((n) => statusReply(n, READY))).toEqual([0x12, 0x12, 0x12, 0x12]);
    expect(roundTrip({})).toEqual(READY);
    expect(canPrint(READY)).toBe(true);
  });

  it('reads paper out from the offline cause (bit 5) and the paper sensor (bits 5, 6)', () => {
    expect(statusReply(2, { ...READY, paperOut: true })).toBe(0x32);
    expect(statusReply(4, { ...READY, paperOut: true })).toBe(0x72);
    expect(parseStatus([0x12, 0x12, 0x12, 0x72])).toMatchObject({ paperOut: true, online: false });
    expect(canPrint(roundTrip({ paperOut: true }))).toBe(false);
  });

  it('reads cover open, near end and offline', () => {
    expect(roundTrip({ coverOpen: true })).toMatchObject({ coverOpen: true, online: false });
    expect(parseStatus([0x12, 0x12, 0x12, 0x1e])).toMatchObject({
      paperNearEnd: true,
      paperOut: false,
      online: true,
    });
    expect(canPrint(roundTrip({ paperNearEnd: true }))).toBe(true);
    expect(parseStatus([0x1a, 0x12, 0x12, 0x12]).online).toBe(false);
  });

  it('tells a status byte from noise by its fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x72)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x41)).toBe(false);
  });
});
