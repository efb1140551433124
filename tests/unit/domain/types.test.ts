import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  CITIZEN,
  EVENT_TYPES,
  HALL_LEVELS,
  PRIORITY_CATEGORIES,
  SYSTEM,
  TICKET_STATUSES,
  WINDOW_KINDS,
  WINDOW_STATES,
} from '../../../server/src/domain/index.js';

// The words of DESIGN.md §3: other layers, the protocol and stored data use these names.
describe('the words of the hall', () => {
  it('has the priority categories 老幼病残孕军 plus key projects and urgent matters', () => {
    expect([...PRIORITY_CATEGORIES]).toEqual([
      'elderly',
      'child',
      'sick',
      'disabled',
      'pregnant',
      'military',
      'key_project',
      'urgent',
    ]);
  });

  it('has one window kind per kind of counter', () => {
    expect([...WINDOW_KINDS].sort()).toEqual(
      ['assisted', 'cannot_handle', 'comprehensive', 'cross_region', 'domain', 'green_channel'].sort(),
    );
    expect([...WINDOW_STATES]).toEqual(['open', 'paused', 'closed']);
  });

  it('has every ticket status of the lifecycle', () => {
    expect([...TICKET_STATUSES].sort()).toEqual(
      ['waiting', 'called', 'serving', 'held', 'completed', 'no_show', 'cancelled', 'expired'].sort(),
    );
  });

  it('has an event type for every ticket transition', () => {
    for (const t of [
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.completed',
      'ticket.no_show',
      'ticket.reactivated',
      'ticket.transferred',
      'ticket.held',
      'ticket.called_back',
      'ticket.cancelled',
      'ticket.expired',
    ]) {
      expect(EVENT_TYPES).toContain(t);
    }
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });

  it('lets walk-ins in: the kiosk and the counter are channels, the appointment only one of them', () => {
    expect(CHANNELS).toContain('kiosk');
    expect(CHANNELS).toContain('counter');
    expect(CHANNELS).toContain('appointment');
    expect([...HALL_LEVELS]).toEqual(['city', 'county', 'township', 'village']);
  });

  it('has anonymous system and citizen actors', () => {
    expect(SYSTEM).toEqual({ type: 'system', id: null });
    expect(CITIZEN).toEqual({ type: 'citizen', id: null });
  });
});
