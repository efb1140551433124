import type { DurationStats } from '../../domain/stats/index.js';
import type { HallStats } from './hall-stats.js';

/**
 * The statistics as CSV for Excel: UTF-8 with a byte-order mark (without it
 * Excel on Windows reads the Chinese labels as GBK), CRLF line ends, labels
 * in Chinese and English. Cells that a spreadsheet would run as a formula
 * are quoted with a leading apostrophe.
 */

export const CSV_BOM = '\uFEFF';

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (...cells: (string | number | null)[]) => cells.map(cell).join(',');
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const LEVELS = [
  '非常不满意 very dissatisfied',
  '不满意 dissatisfied',
  '基本满意 fair',
  '满意 satisfied',
  '非常满意 very satisfied',
];

function durationLines(label: string, d: DurationStats): string[] {
  return [
    line(`${label} 平均(秒) average (s)`, seconds(d.avgMs)),
    line(`${label} 90分位(秒) p90 (s)`, seconds(d.p90Ms)),
    line(`${label} 样本数 samples`, d.count),
  ];
}

export function statsCsv(s: HallStats): string {
  const r = s.report;
  const lines = [
    line('项目 item', '数值 value'),
    line('大厅 hall', s.hallId),
    line('开始日期 from', s.from),
    line('结束日期 to', s.to),
    line('领域 domain', s.filters.domain ?? '全部 all'),
    line('窗口 window', s.filters.windowId ?? '全部 all'),
    line('工作人员 clerk', s.filters.clerkId ?? '全部 all'),
    line('取号 issued', r.issued),
    line('办结 served', r.served),
    line('办结未开始办理 served without a recorded start', r.servedWithoutStart),
    line('过号 no-shows', r.noShows),
    line('转办次数 transfers', r.transfers),
    line('转办号票 transferred tickets', r.transferredTickets),
    line('取消 cancelled', r.cancelled),
    line('日终过期 expired', r.expired),
    line('未结束 open', r.open),
    ...durationLines('等候 wait', r.wait),
    ...durationLines('办理 service', r.service),
    line('优先号票 priority tickets', r.priority.tickets),
    line('优先占比(%) priority share (%)', percent(r.priority.share)),
    ...durationLines('优先等候 priority wait', r.priority.wait),
    ...durationLines('普通等候 normal wait', r.normal.wait),
    '',
    line('时段 hour', '取号 issued', '办结 served'),
    ...r.hourly.map((h) => line(`${String(h.hour).padStart(2, '0')}:00`, h.issued, h.served)),
    '',
    line('评价 rating', '数量 count'),
    ...r.ratings.levels.map((l) => line(`${l.level} ${LEVELS[l.level - 1] ?? ''}`, l.count)),
    line('差评 bad ratings', r.ratings.bad),
    '',
    line('预约 appointments', '数量 count'),
    line('预约数 booked', s.appointments.booked),
    line('已取消 cancelled', s.appointments.cancelled),
    line('已签到 checked in', s.appointments.checkedIn),
    line('爽约 missed', s.appointments.missed),
    line('待签到 pending', s.appointments.pending),
    line('已叫号 called', s.appointments.called),
    line('按时叫号 called on time', s.appointments.onTime),
    line('按时服务率(%) on-time rate (%)', percent(s.appointments.onTimeRate)),
  ];
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
