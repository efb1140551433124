import type { PriorityCategory } from '@hall-queue/server/protocol';
import { ApiError } from './api.js';

/** As in i18n.ts (not imported: the hub's unit tests read this table without the DOM). */
type Lang = 'zh' | 'en';

/**
 * What every screen says when the hub refuses something. The hub answers
 * with a stable `code` and, where it helps, `params` (ticket number, status,
 * limit …); its English `detail` is for logs and API clients and is never
 * shown on a Chinese screen. A code the table does not know reads as a
 * generic refusal, never as the code itself.
 */

type Params = Record<string, unknown>;
type Text = (p: Params, lang: Lang) => string;

const STATUS: Record<string, { zh: string; en: string }> = {
  waiting: { zh: '等候中', en: 'waiting' },
  called: { zh: '已呼叫', en: 'called' },
  serving: { zh: '办理中', en: 'being served' },
  held: { zh: '已挂起', en: 'on hold' },
  completed: { zh: '已办结', en: 'completed' },
  no_show: { zh: '已过号', en: 'a no-show' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  expired: { zh: '已过期', en: 'expired' },
  open: { zh: '开放', en: 'open' },
  paused: { zh: '暂停', en: 'paused' },
  closed: { zh: '关闭', en: 'closed' },
};

const BOOKING_STATUS: Record<string, { zh: string; en: string }> = {
  booked: { zh: '已预约', en: 'booked' },
  checked_in: { zh: '已签到', en: 'checked in' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  missed: { zh: '已过期未签到', en: 'missed' },
};

/** A booking (预约) that is not `booked` any more: cancel, move or check in refused. */
function bookingState(p: Params, lang: Lang): string {
  const status = word(BOOKING_STATUS, p.status, lang);
  if (p.status === 'checked_in' && p.action === 'check_in') {
    return lang === 'zh'
      ? '该预约已签到取号，不能重复签到'
      : 'This booking is already checked in and its ticket issued';
  }
  if (lang === 'zh') return status ? `该预约${status}，不能进行此操作` : '该预约当前不能进行此操作';
  return status ? `This booking is ${status}; this is not possible now` : 'Not possible for this booking now';
}

const CATEGORY: Record<PriorityCategory, { zh: string; en: string }> = {
  elderly: { zh: '老年人', en: 'elderly' },
  child: { zh: '携带幼儿', en: 'with a small child' },
  sick: { zh: '病患', en: 'sick' },
  disabled: { zh: '残疾人', en: 'disabled' },
  pregnant: { zh: '孕妇', en: 'pregnant' },
  military: { zh: '军人', en: 'military' },
  key_project: { zh: '重点项目', en: 'key project' },
  urgent: { zh: '急事急办', en: 'urgent matter' },
};

function word(table: Record<string, { zh: string; en: string }>, v: unknown, lang: Lang): string {
  return typeof v === 'string' ? (table[v]?.[lang] ?? '') : '';
}

/** `{ zh, en }` with `{name}` placeholders, filled from the params. */
function fixed(zh: string, en: string): Text {
  return (p, lang) =>
    (lang === 'zh' ? zh : en).replace(/\{(\w+)\}/g, (_, k: string) =>
      typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '',
    );
}

const num = (p: Params) => (typeof p.number === 'string' ? p.number : '');

/** Every code the hub can answer with (server/src/http/errors.ts), plus the browser's own. */
export const REFUSALS: Record<string, Text> = {
  booking_not_offered: fixed(
    '该事项暂不开放预约，可直接到大厅取号',
    'This matter cannot be booked; take a ticket at the hall',
  ),
  slot_unavailable: fixed(
    '该时段已不可预约，请选择其他时段',
    'That time can no longer be booked; choose another',
  ),
  slot_full: fixed('该时段已约满，请选择其他时段', 'That time is fully booked; choose another'),
  duplicate_booking: fixed(
    '该手机号当天已预约过此事项',
    'This phone already has a booking of this matter that day',
  ),
  check_in_early: fixed(
    '还未到预约签到时间，可先取普通号或稍后再来签到',
    'Too early to check in; take an ordinary ticket or come back later',
  ),
  check_in_late: fixed(
    '已超过预约签到时间，预约优先已失效，可取普通号办理',
    'Too late for the booking; take an ordinary ticket',
  ),
  upcoming_bookings: (p, lang) => {
    const n = typeof p.bookings === 'number' ? p.bookings : 0;
    const last = typeof p.lastDay === 'string' ? p.lastDay : '';
    if (lang === 'zh') {
      const until = last ? `（最晚一个在 ${last}）` : '';
      return `还有 ${n} 个尚未到期的预约${until}，不能删除；请先关闭预约，待这些预约日期过后再删除`;
    }
    const until = last ? ` (the last on ${last})` : '';
    return `${n} bookings are still to come${until}; turn booking off and delete after that day`;
  },
  booking_details_invalid: fixed('请填写正确的姓名和手机号', 'Please give a valid name and phone number'),
  not_found: fixed('找不到相关记录，请刷新后重试', 'Not found; reload and try again'),
  invalid_state: (p, lang) => {
    if (p.subject === 'booking') return bookingState(p, lang);
    const status = word(STATUS, p.status, lang);
    const windowState = word(STATUS, p.state, lang);
    const n = num(p);
    if (lang === 'zh') {
      if (status && n) return `${n} 号当前${status}，不能进行此操作`;
      if (status) return `当前状态为${status}，不能进行此操作`;
      if (windowState) return `窗口当前为${windowState}状态，不能进行此操作`;
      return '当前状态下不能进行此操作';
    }
    if (status && n) return `Ticket ${n} is ${status}; this is not possible now`;
    if (windowState) return `The window is ${windowState}; this is not possible now`;
    return 'Not possible in the current state';
  },
  recall_limit_reached: fixed('已达到重呼次数上限，请标记过号', 'Recall limit reached; mark it a no-show'),
  window_not_open: fixed('窗口未开放，请先开窗', 'The window is not open; open it first'),
  window_busy: fixed('窗口还有正在办理的群众，请先办结', 'The window still has a citizen; complete first'),
  window_has_no_ticket: fixed('窗口当前没有号票', 'The window has no ticket'),
  not_eligible: fixed('该号票不能在本窗口办理', 'This ticket is not served at this window'),
  reactivation_expired: fixed('已超过过号重排时限，请重新取号', 'Too late to re-activate; take a new ticket'),
  service_disabled: fixed('该事项暂停取号', 'This matter is not being issued now'),
  hall_closed: fixed(
    '今日已停止取号，请在开放时间再来',
    'The hall has closed for today; come back when it opens',
  ),
  idempotency_key_reused: fixed(
    '这次取号请求与之前的不一致，请重新取号',
    'This request does not match the earlier one with the same key; start again',
  ),
  malformed_path: fixed('网址有误，请检查后重试', 'The address is not valid; check it and try again'),
  login_locked: fixed('登录失败次数过多，请稍后再试', 'Too many failed logins; try again later'),
  invalid_transfer: fixed(
    '转办目标无效，请选择其他事项或窗口',
    'Invalid transfer; choose another matter or window',
  ),
  conflict: (p, lang) => {
    // What is in the way, when the hub says: counts of what still uses it, or the field that clashes.
    const counts: [string, string, string][] = [
      ['tickets', '张号票', 'tickets'],
      ['services', '个事项', 'matters'],
      ['windows', '个窗口', 'windows'],
      ['devices', '台设备', 'devices'],
    ];
    for (const [key, zh, en] of counts) {
      if (typeof p[key] === 'number' && p[key] > 0) {
        return lang === 'zh' ? `仍有 ${p[key]} ${zh}在使用，请先处理` : `Still used by ${p[key]} ${en}`;
      }
    }
    if (typeof p.bookings === 'number' && p.bookings > 0) {
      // Bookings over and done are records of the hall, like its tickets.
      return lang === 'zh'
        ? `仍有 ${p.bookings} 个预约记录，作为记录保留，不能删除`
        : `Still has ${p.bookings} bookings on record; they are kept`;
    }
    if (p.field === 'username') return lang === 'zh' ? '用户名已被使用' : 'The username is taken';
    if (p.field === 'code') return lang === 'zh' ? '编码已被使用' : 'The code is already used';
    if (p.field === 'number') return lang === 'zh' ? '编号已被使用' : 'The number is already used';
    return lang === 'zh'
      ? '与现有数据冲突，请刷新后重试'
      : 'Conflicts with existing data; reload and try again';
  },
  invalid_config: fixed('填写的内容有误，请检查后重试', 'Some values are not valid; check and try again'),
  priority_not_offered: (p, lang) =>
    lang === 'zh'
      ? `本大厅未设置“${word(CATEGORY, p.category, lang) || '该'}”优先类别`
      : `This hall does not offer the priority "${word(CATEGORY, p.category, lang)}"`,
  priority_staff_only: (p, lang) =>
    lang === 'zh'
      ? `“${word(CATEGORY, p.category, lang) || '该类别'}”需由工作人员认定，请到导服台办理`
      : `"${word(CATEGORY, p.category, lang)}" is given by staff; please ask at the guide desk`,
  validation_failed: fixed('填写的内容有误，请检查后重试', 'Some values are not valid; check and try again'),
  malformed_json: fixed('请求格式有误', 'The request was malformed'),
  // Staff screens meet this mostly when a session ended (logout elsewhere, password reset, restart).
  unauthenticated: fixed(
    '未登录或登录已失效，请重新登录',
    'Not logged in, or the session ended; log in again',
  ),
  invalid_credentials: fixed('用户名或密码错误', 'Wrong username or password'),
  forbidden: fixed('没有权限进行此操作', 'You are not allowed to do this'),
  csrf_failed: fixed('登录状态已失效，请刷新页面后重试', 'Your session expired; reload the page'),
  setup_code_invalid: fixed('初始化码错误或已被使用', 'The setup code is wrong or has been used'),
  route_not_found: fixed('系统不支持此操作，请联系管理员', 'Not supported; contact the administrator'),
  payload_too_large: fixed('内容过大，请减少后重试', 'Too large; make it smaller'),
  unsupported_media_type: fixed('请求格式有误', 'The request was malformed'),
  rate_limited: fixed('操作过于频繁，请稍后再试', 'Too many requests; try again shortly'),
  internal: fixed('叫号系统出现故障，已记录，请稍后再试', 'The queuing system failed; it has been logged'),
  not_ready: fixed('叫号系统尚未就绪，请稍后再试', 'The queuing system is not ready yet'),
  network_error: fixed('无法连接叫号系统，请检查网络', 'Cannot reach the queuing system; check the network'),
  http_error: fixed('叫号系统拒绝了请求，请稍后再试', 'The queuing system refused; try again later'),
  // Socket.IO acknowledgements and refused connections (server/src/protocol/names.ts).
  invalid_payload: fixed('请求格式有误，请刷新页面后重试', 'The request was malformed; reload the page'),
  hall_not_found: fixed('找不到该大厅，请检查屏幕设置', 'No such hall; check the screen’s settings'),
  not_joined: fixed('屏幕尚未连接到大厅，正在重新连接', 'The screen has not joined a hall yet; reconnecting'),
  busy: fixed('正在获取最新数据，请稍候', 'Fetching the latest data; one moment'),
};

const FALLBACK = fixed('操作未能完成，请稍后再试', 'That did not work; try again later');

/** A Socket.IO refusal: an acknowledgement's `error`, or a refused connection's `data`. */
interface SocketRefusal {
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

function isSocketRefusal(err: unknown): err is SocketRefusal {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

/**
 * The words for a refusal of the hub in the screen's language: an HTTP
 * problem (ApiError), a Socket.IO acknowledgement's `error` or a refused
 * connection (its `data`), or a failed request. Never the English `message`.
 */
export function refusalText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) return (REFUSALS[err.code] ?? FALLBACK)(err.params, lang);
  const data = err instanceof Error ? (err as Error & { data?: unknown }).data : err;
  if (isSocketRefusal(data)) return (REFUSALS[data.code] ?? FALLBACK)(data.params ?? {}, lang);
  return (REFUSALS.network_error ?? FALLBACK)({}, lang);
}

/**
 * One field problem of a refused request or configuration file, as the hub
 * sends it: `code` and `params` to word it, `list`/`row`/`field` to place it,
 * and an English `message` for API clients that screens never show.
 */
export interface FieldIssue {
  path: string;
  message?: string;
  code?: string;
  params?: Record<string, unknown>;
  list?: string;
  row?: number;
  field?: string;
}

/** The fields of a matter, a window and a hall, as an admin calls them. */
const FIELDS: Record<string, { zh: string; en: string }> = {
  code: { zh: '编码', en: 'code' },
  name: { zh: '名称', en: 'name' },
  domain: { zh: '领域', en: 'area' },
  domains: { zh: '领域', en: 'areas' },
  prefix: { zh: '号段字头', en: 'prefix' },
  crossRegion: { zh: '跨区域通办', en: 'cross-region' },
  cannotHandle: { zh: '办不成事', en: 'cannot-handle' },
  dedicated: { zh: '专窗', en: 'dedicated' },
  expectedMinutes: { zh: '预计办理时长', en: 'expected minutes' },
  pinyin: { zh: '拼音首字母', en: 'pinyin' },
  sortOrder: { zh: '排序', en: 'sort order' },
  enabled: { zh: '启用', en: 'enabled' },
  number: { zh: '窗口号', en: 'window number' },
  kind: { zh: '窗口类型', en: 'window kind' },
  services: { zh: '事项', en: 'matters' },
  serviceIds: { zh: '事项', en: 'matters' },
  overflow: { zh: '溢出窗口', en: 'overflow' },
  clerkIds: { zh: '工作人员', en: 'clerks' },
  timeZone: { zh: '时区', en: 'time zone' },
  calendar: { zh: '开放时间', en: 'opening hours' },
  rules: { zh: '叫号规则', en: 'queue rules' },
  hall: { zh: '大厅', en: 'hall' },
  format: { zh: '文件格式', en: 'file format' },
  version: { zh: '文件版本', en: 'file version' },
};

const LISTS: Record<string, { zh: string; en: string }> = {
  services: { zh: '事项', en: 'matters' },
  windows: { zh: '窗口', en: 'windows' },
};

/** The field an issue is about, by the innermost known name in its path (`windows.3.services.0` → 事项). */
export function fieldName(issue: FieldIssue, lang: Lang): string {
  // The innermost known name: `windows.3.services.0` is about the matters, not the window.
  const parts = (issue.field ?? issue.path).split('.').reverse();
  for (const p of parts) {
    const w = FIELDS[p];
    if (w) return w[lang];
  }
  return lang === 'zh' ? '内容' : 'value';
}

const val = (p: Params) =>
  typeof p.value === 'string' || typeof p.value === 'number' ? String(p.value) : '';

const ISSUES: Record<string, Text> = {
  required: fixed('必填', 'is required'),
  invalid_type: fixed('格式不对', 'has the wrong type'),
  invalid_format: fixed('格式不对', 'is not in the right format'),
  invalid_value: fixed('不是可选的值', 'is not one of the allowed values'),
  invalid: fixed('填写有误', 'is not valid'),
  too_small: (p, lang) => {
    const n = typeof p.minimum === 'number' ? String(p.minimum) : '';
    if (!n) return lang === 'zh' ? '太短或太小' : 'is too small';
    if (p.origin === 'number') return lang === 'zh' ? `不能小于 ${n}` : `must be at least ${n}`;
    return lang === 'zh' ? `太短或太少（至少 ${n}）` : `is too short (at least ${n})`;
  },
  too_big: (p, lang) => {
    const n = typeof p.maximum === 'number' ? String(p.maximum) : '';
    if (!n) return lang === 'zh' ? '太长或太大' : 'is too large';
    if (p.origin === 'number') return lang === 'zh' ? `不能大于 ${n}` : `must be at most ${n}`;
    return lang === 'zh' ? `太长或太多（最多 ${n}）` : `is too long (at most ${n})`;
  },
  unknown_field: fixed('文件中有无法识别的列', 'has columns that are not known'),
  duplicate_code: (p, lang) =>
    typeof p.row === 'number'
      ? lang === 'zh'
        ? `${val(p)} 与第 ${p.row} 行重复`
        : `${val(p)} repeats row ${p.row}`
      : lang === 'zh'
        ? `${val(p)} 已在本大厅使用`
        : `${val(p)} is already used in this hall`,
  duplicate_number: (p, lang) =>
    typeof p.row === 'number'
      ? lang === 'zh'
        ? `${val(p)} 号窗口与第 ${p.row} 行重复`
        : `window ${val(p)} repeats row ${p.row}`
      : lang === 'zh'
        ? `${val(p)} 号窗口已存在`
        : `window ${val(p)} already exists`,
  unknown_matter: (p, lang) =>
    lang === 'zh' ? `文件和大厅中都没有编码为 ${val(p)} 的事项` : `no matter with code ${val(p)}`,
  unknown_area: (p, lang) =>
    lang === 'zh' ? `没有事项属于“${val(p)}”领域` : `no matter has the area ${val(p)}`,
  domain_window_needs_area: fixed('领域窗口至少要选一个领域', 'a domain window needs an area'),
  opens_after_close: fixed('开始时间晚于结束时间', 'opens after it closes'),
  unknown_time_zone: fixed('不是有效的时区', 'is not a known time zone'),
  unknown_user: fixed('没有这个工作人员', 'no such staff member'),
  user_not_in_hall: fixed('该工作人员不在本大厅', 'does not work in this hall'),
};

/** What is wrong with a field, for a form that shows it under the field itself. */
export function issueReason(issue: FieldIssue, lang: Lang): string {
  const known = ISSUES[issue.code ?? ''];
  if (!known || issue.code === 'invalid')
    return lang === 'zh' ? '此项填写有误，请检查' : 'This value is not valid';
  return known(issue.params ?? {}, lang);
}

/** One field problem in the screen's language: the field and what is wrong with it, never the hub's English. */
export function issueText(issue: FieldIssue, lang: Lang): string {
  const what = (ISSUES[issue.code ?? ''] ?? ISSUES.invalid!)(issue.params ?? {}, lang);
  return lang === 'zh' ? `${fieldName(issue, lang)}${what}` : `${fieldName(issue, lang)} ${what}`;
}

/** Where an issue is: `事项 第 3 行` for a row of a list. */
export function issueListName(list: string | undefined, lang: Lang): string {
  return list ? (LISTS[list]?.[lang] ?? '') : '';
}

/** Every reason the hub may give for a field, for the catalogue's completeness test. */
export const ISSUE_CODES = Object.keys(ISSUES);
