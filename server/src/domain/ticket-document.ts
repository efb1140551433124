/**
 * The ticket as a document: everything printed on a 号票, already in words.
 * The hub's use cases build it; the printer package renders it two ways
 * (ESC/POS bytes and SVG, ticket-printer/src/render.ts), so the kiosk screen
 * shows exactly what the printer prints.
 */

export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

/** Characters per line (ASCII width; a Chinese character takes two) per paper width. */
export const PAPER_CPL: Record<PaperWidth, number> = {
  // 384 dots at 8 dots/mm on 58 mm paper, 12-dot font A columns.
  58: 32,
  // 576 dots on 80 mm paper.
  80: 48,
};

export interface TicketDocument {
  /** Hall name, e.g. 银川市民大厅. */
  hallName: string;
  /** Optional line above the hall name (the hall's logo text / slogan). */
  logoText: string;
  number: string;
  serviceName: string;
  domain: string;
  /** Where to wait or go: "请到综合受理窗口等候". */
  goTo: string;
  ahead: number;
  /** null: no open window serves the matter now; the ticket says so instead of guessing. */
  estimatedMinutes: number | null;
  /** Hall-local issue time, already formatted: 2026-11-27 09:05. */
  issuedAt: string;
  /** The citizen's live status page: `${publicUrl}/t/<statusToken>`. */
  qrUrl: string;
  /** Priority or assistance, in words (绿色通道 · 老年人); empty when none. */
  priorityText: string;
  /** Notice lines (过号 rules, 好差评 invitation). */
  notice: string[];
  /** 1 for the first print; a reprint says 补打 and its copy number. */
  copy: number;
}

/** Per-hall layout settings (hall setting `ticket-layout`), editable in the admin API. */
export interface TicketLayout {
  paper: PaperWidth;
  logoText: string;
  notice: string[];
}

export const DEFAULT_NOTICE: readonly string[] = [
  '请留意叫号，过号后可在取号机或窗口重新排队。',
  '办事完成后请对本次服务做出评价（好差评）。',
  '扫码可查看排队进度。',
];

export const DEFAULT_LAYOUT: TicketLayout = {
  paper: 80,
  logoText: '',
  notice: [...DEFAULT_NOTICE],
};
