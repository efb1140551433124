import type { MESSAGES } from './messages.js';

/** GET /api/v1/tickets/status/:token: what the hub tells the citizen's phone (no personal data). */
export interface TicketStatus {
  number: string;
  status: string;
  hall: { id: string; name: string };
  service: { id: string; name: string };
  ahead: number | null;
  estimatedMinutes: number | null;
  window: { number: number; name: string } | null;
  calledAt: number | null;
}

type T = (key: keyof (typeof MESSAGES)['zh'], vars?: Record<string, string | number>) => string;

/** The ticket's state in plain words for the citizen: 等候中 / 请到3号窗口 / 办理中 / 已完成 / 已过号 … */
export function statusLine(tk: TicketStatus, t: T): { status: string; hint: string } {
  const n = tk.window?.number ?? '';
  switch (tk.status) {
    case 'waiting':
      return {
        status: `${t('waiting')} · ${tk.ahead ? t('ahead', { n: tk.ahead }) : t('aheadNone')}`,
        hint: tk.estimatedMinutes !== null ? t('estimate', { m: tk.estimatedMinutes }) : t('noEstimate'),
      };
    case 'called':
      return { status: t('called', { n }), hint: t('calledHint', { window: tk.window?.name ?? '' }) };
    case 'serving':
      return { status: t('serving', { n }), hint: '' };
    case 'held':
      return { status: t('held', { n }), hint: '' };
    case 'completed':
      return { status: t('completed'), hint: '' };
    case 'no_show':
      return { status: t('noShow'), hint: '' };
    case 'transferred':
      return { status: t('transferred'), hint: '' };
    case 'cancelled':
      return { status: t('cancelled'), hint: '' };
    case 'expired':
      return { status: t('expired'), hint: '' };
    default:
      return { status: tk.status, hint: '' };
  }
}
