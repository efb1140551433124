/** Quiet hours are in the hall's time; a span like 22:00–07:00 wraps midnight. */

export interface QuietSpan {
  from: string;
  to: string;
}

export function hallClock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export function isQuiet(at: number, timeZone: string, spans: readonly QuietSpan[]): boolean {
  if (spans.length === 0) return false;
  const now = hallClock(at, timeZone);
  return spans.some(({ from, to }) => (from <= to ? now >= from && now < to : now >= from || now < to));
}
