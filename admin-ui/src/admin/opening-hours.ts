import { html, type TemplateResult } from 'lit';
import { field } from './admin-styles.js';
import type { MessageKey, T } from './messages.js';

/**
 * Opening hours as the admin types them: one line per weekday,
 * "09:00-12:00,13:30-17:30", empty for closed. The hub checks the times
 * themselves and answers with `calendar.weekly.<day>.<span>` paths, shown at
 * the weekday's field.
 */

export interface Span {
  open: string;
  close: string;
}

/** Weekday 0 is Sunday, as in the hub's calendar. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** The hub's standard hours for a new hall: Monday to Friday 09:00-12:00 and 13:30-17:30. */
export const STANDARD_WEEK: Span[][] = WEEKDAYS.map((d) =>
  d === 0 || d === 6
    ? []
    : [
        { open: '09:00', close: '12:00' },
        { open: '13:30', close: '17:30' },
      ],
);

export const spansText = (spans: Span[]): string => spans.map((s) => `${s.open}-${s.close}`).join(',');

/** "09:00-12:00,13:30-17:30" → spans; commas, semicolons and spaces (either width) separate them. */
export const parseSpans = (text: string): Span[] =>
  text
    .split(/[,，;；\s]+/)
    .filter(Boolean)
    .map((part) => {
      const [open = '', close = ''] = part.split('-');
      return { open: open.trim(), close: close.trim() };
    });

/** Seven inputs named `weekly0` … `weekly6`, each with the hub's error for that day beneath it. */
export function weeklyFields(t: T, weekly: Span[][], errors: Record<string, string>): TemplateResult {
  return html`<div class="fields">
    ${WEEKDAYS.map((day) =>
      field(
        t(`weekday${day}` as MessageKey),
        `calendar.weekly.${day}`,
        html`<input name="weekly${day}" size="24" .value=${spansText(weekly[day] ?? [])} />`,
        errors,
      ),
    )}
  </div>`;
}

/** The week back from a form holding `weeklyFields`. */
export function weeklyFromForm(fd: FormData): Span[][] {
  return WEEKDAYS.map((d) => parseSpans(String(fd.get(`weekly${d}`) ?? '')));
}
