import type { PaperWidth, TicketDocument } from './ticket.js';

/**
 * The ticket layout, written once as a ReceiptLine document. render.ts turns
 * the same text into ESC/POS bytes and into SVG, so the preview on the kiosk
 * is the printed ticket. Keep every word of the ticket here. The paper is
 * cut once at the end by the renderer.
 */

/** ReceiptLine's special characters in text; a matter or hall name may contain any of them. */
export function escapeText(text: string): string {
  return text.replace(/[\\|{}~_"`^]/g, (c) => `\\${c}`).replace(/^([-=])/, '\\$1');
}

/** Property values (the QR payload) escape a different set. */
function escapeValue(text: string): string {
  return text.replace(/[\\|{};]/g, (c) => `\\${c}`);
}

/** The number is the one thing read from across the hall: as large as the paper allows. */
const NUMBER_SIZE: Record<PaperWidth, string> = { 58: '^^^^^', 80: '^^^^^^' };

export function waitLine(doc: TicketDocument): string {
  if (doc.estimatedMinutes === null) return '暂无开放窗口办理此事项，请留意叫号';
  if (doc.estimatedMinutes === 0) return '无需久等，请留意叫号';
  return `预计等候约 ${doc.estimatedMinutes} 分钟`;
}

/** A left-aligned line: a leading pipe attracts the column to the left edge. */
const left = (text: string) => `|${escapeText(text)}`;
/** A line alone is centred. */
const centre = (text: string) => escapeText(text);

export function ticketMarkup(doc: TicketDocument, paper: PaperWidth): string {
  const lines: string[] = [];
  if (doc.logoText) lines.push(centre(doc.logoText));
  lines.push(`^^${centre(doc.hallName)}`);
  lines.push('-');
  lines.push(`${NUMBER_SIZE[paper]}${centre(doc.number)}`);
  lines.push(`"^${escapeText(doc.serviceName)}`);
  if (doc.priorityText) lines.push(centre(doc.priorityText));
  lines.push('-');
  lines.push(left(doc.goTo));
  lines.push(left(`前面还有 ${doc.ahead} 人等候`));
  lines.push(left(waitLine(doc)));
  lines.push(left(`取号时间 ${doc.issuedAt}`));
  lines.push(`{code:${escapeValue(doc.qrUrl)}; option:qrcode,${paper === 58 ? 5 : 6},m}`);
  lines.push(centre('扫码查看排队进度'));
  lines.push('-');
  for (const n of doc.notice) lines.push(left(n));
  if (doc.copy > 1) lines.push(centre(`补打 第${doc.copy}联`));
  return lines.join('\n') + '\n';
}
