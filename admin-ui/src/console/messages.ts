import type { Messages } from '@hall-queue/ui-shared/i18n.js';
import type { ConsoleAction } from './types.js';
import type { PriorityCategory } from '@hall-queue/server/protocol';

type Key =
  | 'title'
  | 'username'
  | 'password'
  | 'login'
  | 'logout'
  | 'chooseWindow'
  | 'noWindows'
  | 'changeWindow'
  | 'issueForCitizen'
  | 'close'
  | 'window'
  | 'open'
  | 'paused'
  | 'closed'
  | 'current'
  | 'none'
  | 'called'
  | 'serving'
  | 'calls'
  | 'waited'
  | 'servingFor'
  | 'assistance'
  | 'priority'
  | 'held'
  | 'noHeld'
  | 'next'
  | 'noNext'
  | 'waitingFor'
  | 'reason'
  | 'reasonRequired'
  | 'confirm'
  | 'cancel'
  | 'number'
  | 'numberHint'
  | 'transferTo'
  | 'toService'
  | 'toWindow'
  | 'keep'
  | 'targetRequired'
  | 'refused'
  | 'notYourWindow'
  | 'live'
  | 'offline'
  | 'language'
  | 'empty'
  | 'shortcuts';

export const MESSAGES: Messages<Key> = {
  zh: {
    title: '窗口叫号台',
    username: '用户名',
    password: '密码',
    login: '登录',
    logout: '退出',
    chooseWindow: '请选择您的窗口',
    noWindows: '没有分配给您的窗口，请联系管理员。',
    changeWindow: '换窗口',
    issueForCitizen: '为群众取号',
    close: '关闭',
    window: '{n}号窗口',
    open: '服务中',
    paused: '暂停：{reason}',
    closed: '已关闭',
    current: '当前号码',
    none: '当前无办理号码',
    called: '已呼叫（第{n}次）',
    serving: '办理中',
    calls: '呼叫{n}次',
    waited: '等候 {time}',
    servingFor: '办理 {time}',
    assistance: '帮办',
    priority: '优先',
    held: '挂起的号',
    noHeld: '无挂起',
    next: '接下来',
    noNext: '暂无等候',
    waitingFor: '已等 {time}',
    reason: '原因',
    reasonRequired: '请填写原因',
    confirm: '确定',
    cancel: '取消',
    number: '号码',
    numberHint: '例如 A023',
    transferTo: '转办 {number}',
    toService: '转到事项',
    toWindow: '转到窗口',
    keep: '（不变）',
    targetRequired: '请选择事项或窗口',
    refused: '{action}未执行：{detail}',
    notYourWindow: '无权操作此窗口',
    live: '实时',
    offline: '连接中断，正在重连…',
    language: 'English',
    empty: '没有等候的号',
    shortcuts: '快捷键',
  },
  en: {
    title: 'Window console',
    username: 'Username',
    password: 'Password',
    login: 'Log in',
    logout: 'Log out',
    chooseWindow: 'Choose your window',
    noWindows: 'No window is assigned to you; ask an administrator.',
    changeWindow: 'Change window',
    issueForCitizen: 'Issue for a citizen',
    close: 'Close',
    window: 'Window {n}',
    open: 'Open',
    paused: 'Paused: {reason}',
    closed: 'Closed',
    current: 'Current number',
    none: 'Nobody at the window',
    called: 'Called (×{n})',
    serving: 'Serving',
    calls: 'called {n}×',
    waited: 'waited {time}',
    servingFor: 'serving {time}',
    assistance: 'Assist',
    priority: 'Priority',
    held: 'On hold',
    noHeld: 'None on hold',
    next: 'Next',
    noNext: 'Nobody waiting',
    waitingFor: 'waiting {time}',
    reason: 'Reason',
    reasonRequired: 'A reason is required',
    confirm: 'OK',
    cancel: 'Cancel',
    number: 'Number',
    numberHint: 'e.g. A023',
    transferTo: 'Transfer {number}',
    toService: 'To matter',
    toWindow: 'To window',
    keep: '(unchanged)',
    targetRequired: 'Choose a matter or a window',
    refused: '{action} refused: {detail}',
    notYourWindow: 'Not allowed at this window',
    live: 'Live',
    offline: 'Connection lost, reconnecting…',
    language: '中文',
    empty: 'Nobody waiting',
    shortcuts: 'Shortcuts',
  },
};

export const ACTION_LABELS: Record<ConsoleAction, { zh: string; en: string }> = {
  'call-next': { zh: '叫下一位', en: 'Call next' },
  recall: { zh: '重呼', en: 'Recall' },
  start: { zh: '开始办理', en: 'Start' },
  complete: { zh: '办结', en: 'Complete' },
  'no-show': { zh: '过号', en: 'No-show' },
  hold: { zh: '挂起', en: 'Hold' },
  'call-back': { zh: '回呼', en: 'Call back' },
  transfer: { zh: '转办', en: 'Transfer' },
  pause: { zh: '暂停', en: 'Pause' },
  resume: { zh: '恢复', en: 'Resume' },
  open: { zh: '开窗', en: 'Open window' },
  close: { zh: '关窗', en: 'Close window' },
  'call-number': { zh: '指定叫号', en: 'Call number' },
};

/** 老幼病残孕军 as one-character badges; the two non-personal classes spelled out. */
export const CATEGORY_BADGES: Record<PriorityCategory, { zh: string; en: string }> = {
  elderly: { zh: '老', en: 'Elderly' },
  child: { zh: '幼', en: 'Child' },
  sick: { zh: '病', en: 'Sick' },
  disabled: { zh: '残', en: 'Disabled' },
  pregnant: { zh: '孕', en: 'Pregnant' },
  military: { zh: '军', en: 'Military' },
  urgent: { zh: '急', en: 'Urgent' },
  key_project: { zh: '重点项目', en: 'Key project' },
};

/** mm:ss, or h:mm:ss past an hour. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}
