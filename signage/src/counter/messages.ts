import type { Messages } from '@hall-queue/ui-shared/i18n.js';

export const MESSAGES: Messages<
  | 'window'
  | 'serving'
  | 'idle'
  | 'paused'
  | 'closed'
  | 'clerk'
  | 'rate'
  | 'reasons'
  | 'comment'
  | 'submit'
  | 'thanks'
  | 'noToken'
  | 'error'
  | 'kind'
  | 'priority'
> = {
  zh: {
    window: '{n}号窗口',
    serving: '正在办理',
    idle: '请稍候',
    paused: '暂停服务：{reason}',
    closed: '本窗口暂停办理',
    clerk: '工作人员 {name}　工号 {no}',
    rate: '请为 {number} 号的服务评价',
    reasons: '请选择不满意的原因',
    comment: '其他意见（可不填）',
    submit: '提交评价',
    thanks: '感谢您的评价！',
    noToken: '本屏未配置设备令牌：请用 /counter/窗口编号?token=dev_… 打开',
    error: '出错了：{detail}',
    kind: '{kind}',
    priority: '优先办理（绿色通道）',
  },
  en: {
    window: 'Window {n}',
    serving: 'Now serving',
    idle: 'Please wait',
    paused: 'Paused: {reason}',
    closed: 'This window is closed',
    clerk: 'Clerk {name} · No. {no}',
    rate: 'Please rate the service for {number}',
    reasons: 'What was wrong?',
    comment: 'Anything else (optional)',
    submit: 'Submit',
    thanks: 'Thank you for your rating!',
    noToken: 'No device token: open /counter/<windowId>?token=dev_…',
    error: 'Error: {detail}',
    kind: '{kind}',
    priority: 'Priority (green channel)',
  },
};

export { KIND_NAMES } from '../shared/window-kinds.js';
