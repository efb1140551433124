import type { Messages } from '@hall-queue/ui-shared/i18n.js';

/** The board's words. Chinese first; English for halls that want it (`?lang=en`). */
export type BoardKey =
  | 'title'
  | 'window'
  | 'callTo'
  | 'called'
  | 'serving'
  | 'paused'
  | 'recall'
  | 'recent'
  | 'missed'
  | 'waitingAreas'
  | 'waiting'
  | 'minutes'
  | 'noEstimate'
  | 'noWait'
  | 'noCalls'
  | 'offline'
  | 'connecting'
  | 'voiceSpeech'
  | 'voiceHub'
  | 'voiceChime'
  | 'voiceQuiet'
  | 'noSource'
  | 'badSource'
  | 'priority'
  | 'greenChannel';

export const MESSAGES: Messages<BoardKey> = {
  zh: {
    title: '叫号信息',
    priority: '优先',
    greenChannel: '绿色通道',
    window: '{n}号窗口',
    callTo: '请 {number} 号到 {window} 号窗口办理',
    called: '请到窗口',
    serving: '正在办理',
    paused: '暂停服务',
    recall: '重呼',
    recent: '最近叫号',
    missed: '刚才叫过的号（共{n}个）',
    waitingAreas: '各区等候',
    waiting: '{n}人',
    minutes: '约{n}分钟',
    noEstimate: '暂无窗口',
    noWait: '无需等候',
    noCalls: '暂无叫号',
    offline: '连接中断，显示的可能不是最新信息',
    connecting: '正在连接…',
    voiceSpeech: '语音播报',
    voiceHub: '语音播报（服务器合成）',
    voiceChime: '仅提示音',
    voiceQuiet: '静音时段',
    noSource: '请在地址中指明大厅，例如 /signage/yinchuan',
    badSource: '无法打开此屏幕：{detail}',
  },
  en: {
    title: 'Now calling',
    priority: 'Priority',
    greenChannel: 'Green channel',
    window: 'Window {n}',
    callTo: 'Number {number}, please go to window {window}',
    called: 'Please come',
    serving: 'Serving',
    paused: 'Paused',
    recall: 'Recall',
    recent: 'Recent calls',
    missed: 'Called while this screen was away ({n})',
    waitingAreas: 'Waiting by area',
    waiting: '{n} waiting',
    minutes: '~{n} min',
    noEstimate: 'no window',
    noWait: 'No wait',
    noCalls: 'No calls yet',
    offline: 'Connection lost; this may not be up to date',
    connecting: 'Connecting…',
    voiceSpeech: 'Voice on',
    voiceHub: 'Voice (from the hub)',
    voiceChime: 'Chime only',
    voiceQuiet: 'Quiet hours',
    noSource: 'Name the hall in the address, e.g. /signage/yinchuan',
    badSource: 'This screen cannot open: {detail}',
  },
};
