import type { TicketDocument } from '../../ticket-printer/src/index.js';

/** A fixed ticket with a rare character in the matter name (𠮷 is outside the BMP, 䶮 is in CJK Ext A). */
export const FIXED_TICKET: TicketDocument = {
  hallName: '银川市民大厅',
  logoText: '宁夏政务服务',
  number: 'A023',
  serviceName: '𠮷䶮姓名变更登记',
  domain: '公安户籍',
  goTo: '请到综合受理窗口等候叫号',
  ahead: 3,
  estimatedMinutes: 12,
  issuedAt: '2026-11-27 09:05',
  qrUrl: 'http://127.0.0.1:8080/t/abcDEF123_-xyz',
  priorityText: '',
  notice: ['过号后请到取号机或窗口重新排队。', '办事完成请评价：好差评。'],
  copy: 1,
};
