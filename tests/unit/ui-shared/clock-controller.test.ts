import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClockController } from '../../../ui-shared/src/clock-controller.js';

/** The one clock of every screen: the board's time, the console's timers, the floor's durations. */
class Host implements ReactiveControllerHost {
  updates = 0;
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  readonly updateComplete = Promise.resolve(true);
}

describe('ClockController', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 2, 0, 0) }));
  afterEach(() => vi.useRealTimers());

  it('redraws every second by default while the host is on the page, and stops when it leaves', () => {
    const host = new Host();
    const clock = new ClockController(host);
    expect(host.controllers).toEqual([clock]);
    clock.hostConnected();
    vi.advanceTimersByTime(3_000);
    expect(host.updates).toBe(3);
    expect(clock.now).toBe(Date.UTC(2026, 0, 5, 2, 0, 3));
    clock.hostDisconnected();
    vi.advanceTimersByTime(5_000);
    expect(host.updates).toBe(3);
  });

  it('takes a slower pace, and a host connected twice keeps one timer', () => {
    const host = new Host();
    const clock = new ClockController(host, 5_000);
    clock.hostConnected();
    clock.hostConnected();
    vi.advanceTimersByTime(10_000);
    expect(host.updates).toBe(2);
    clock.hostDisconnected();
  });
});
