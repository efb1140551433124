import type { Messages } from '@hall-queue/ui-shared/i18n.js';

type Key =
  | 'title'
  | 'yourNumber'
  | 'waiting'
  | 'ahead'
  | 'aheadNone'
  | 'estimate'
  | 'noEstimate'
  | 'called'
  | 'calledHint'
  | 'serving'
  | 'held'
  | 'completed'
  | 'noShow'
  | 'reactivate'
  | 'reactivated'
  | 'transferred'
  | 'cancelled'
  | 'expired'
  | 'rate'
  | 'reasons'
  | 'comment'
  | 'submit'
  | 'thanks'
  | 'alreadyRated'
  | 'rateClosed'
  | 'notFound'
  | 'error'
  | 'updated'
  | 'language'
  | 'privacy';

export const MESSAGES: Messages<Key> = {
  zh: {
    title: '我的排队号',
    yourNumber: '您的号码',
    waiting: '等候中',
    ahead: '前面还有 {n} 人',
    aheadNone: '下一位就是您',
    estimate: '预计等候约 {m} 分钟',
    noEstimate: '暂时无法估算等候时间',
    called: '请到{n}号窗口',
    calledHint: '{window}，请尽快前往办理',
    serving: '办理中（{n}号窗口）',
    held: '已挂起：请备齐材料后回到{n}号窗口',
    completed: '已完成',
    noShow: '已过号',
    reactivate: '我回来了，重新排队',
    reactivated: '已重新排队',
    transferred: '已转办，请留意叫号',
    cancelled: '已取消',
    expired: '今日已结束，号码已失效',
    rate: '请为本次服务评价',
    reasons: '请选择不满意的原因',
    comment: '其他意见（可不填）',
    submit: '提交评价',
    thanks: '感谢您的评价！',
    alreadyRated: '本次服务已评价（{level}），每次服务只能评价一次。',
    rateClosed: '评价时间已过',
    notFound: '没有找到这个号码，请核对二维码。',
    error: '出错了：{detail}',
    updated: '自动刷新',
    language: 'English',
    privacy: '本页不显示任何个人信息',
  },
  en: {
    title: 'My ticket',
    yourNumber: 'Your number',
    waiting: 'Waiting',
    ahead: '{n} ahead of you',
    aheadNone: 'You are next',
    estimate: 'About {m} min to wait',
    noEstimate: 'No estimate yet',
    called: 'Please go to window {n}',
    calledHint: '{window}: please go now',
    serving: 'Being served (window {n})',
    held: 'On hold: come back to window {n} with the missing papers',
    completed: 'Completed',
    noShow: 'Missed the call',
    reactivate: "I'm back: queue again",
    reactivated: 'Back in the queue',
    transferred: 'Transferred; watch for your call',
    cancelled: 'Cancelled',
    expired: 'The day has ended; this number is no longer valid',
    rate: 'Please rate the service',
    reasons: 'What was wrong?',
    comment: 'Anything else (optional)',
    submit: 'Submit',
    thanks: 'Thank you for your rating!',
    alreadyRated: 'This service has been rated ({level}); one rating per service.',
    rateClosed: 'The time to rate has passed',
    notFound: 'No ticket for this code; please check the QR code.',
    error: 'Error: {detail}',
    updated: 'Updates automatically',
    language: '中文',
    privacy: 'No personal data is shown on this page',
  },
};
