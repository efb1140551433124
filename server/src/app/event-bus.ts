import { EventEmitter } from 'node:events';
import type { HallEvent } from '../domain/index.js';

/**
 * Committed events, published after the store has made them durable. The
 * realtime layer and metrics listen here; a listener's failure never reaches
 * the use case that published.
 */
export interface CommittedEvents {
  hallId: string;
  events: HallEvent[];
}

type Listener = (batch: CommittedEvents) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish(events: readonly HallEvent[]): void {
    const byHall = new Map<string, HallEvent[]>();
    for (const e of events) {
      const list = byHall.get(e.hallId) ?? [];
      list.push(e);
      byHall.set(e.hallId, list);
    }
    for (const [hallId, list] of byHall) {
      for (const listener of this.emitter.listeners('events') as Listener[]) {
        try {
          listener({ hallId, events: list });
        } catch (err) {
          this.emitter.emit('listener-error', err);
        }
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.emitter.on('events', listener);
    return () => this.emitter.off('events', listener);
  }

  onListenerError(handler: (err: unknown) => void): void {
    this.emitter.on('listener-error', handler);
  }
}
