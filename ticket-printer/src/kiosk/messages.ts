import type { Messages } from '@hall-queue/ui-shared/i18n.js';

/** Every word on the kiosk, Chinese first. */
export type KioskKey =
  | 'title'
  | 'pick'
  | 'search'
  | 'searchHint'
  | 'clear'
  | 'letterPad'
  | 'forMatter'
  | 'all'
  | 'waiting'
  | 'wait'
  | 'waitUnknown'
  | 'waitNone'
  | 'noMatch'
  | 'priorityTitle'
  | 'priorityHint'
  | 'assistance'
  | 'assistanceHint'
  | 'next'
  | 'back'
  | 'normal'
  | 'proofTitle'
  | 'proofHint'
  | 'proofOk'
  | 'apptTitle'
  | 'apptHint'
  | 'apptCode'
  | 'apptCheckIn'
  | 'apptSkip'
  | 'apptDone'
  | 'taking'
  | 'yourNumber'
  | 'ahead'
  | 'estimate'
  | 'estimateNow'
  | 'scan'
  | 'printing'
  | 'printed'
  | 'printFailed'
  | 'noPrinter'
  | 'reprint'
  | 'reprinting'
  | 'done'
  | 'elder'
  | 'language'
  | 'error'
  | 'retry'
  | 'idle'
  | 'speakPick'
  | 'speakResult'
  | `cat_${string}`;

export const MESSAGES: Messages<KioskKey> = {
  zh: {
    title: '自助取号',
    pick: '请选择要办理的事项',
    search: '搜索事项',
    searchHint: '输入事项名称或拼音首字母，如 sb（社保）',
    clear: '清除',
    letterPad: '拼音首字母',
    forMatter: '办理事项：{name}',
    all: '全部领域',
    waiting: '{n} 人等候',
    wait: '约 {m} 分钟',
    waitUnknown: '暂无窗口办理',
    waitNone: '无需等候',
    noMatch: '没有找到相关事项，请到咨询台或帮办代办窗口咨询',
    priorityTitle: '是否需要优先或帮办服务？',
    priorityHint: '符合条件的群众可走绿色通道优先办理（可多选，不选则普通取号）',
    assistance: '需要帮办代办',
    assistanceHint: '工作人员将协助您办理',
    next: '下一步',
    back: '返回',
    normal: '不需要，普通取号',
    proofTitle: '请向工作人员出示相关证件',
    proofHint:
      '您选择了：{categories}。叫号后请在窗口出示相关证件（如身份证、老年证、残疾人证、军人证件），以便优先办理。',
    proofOk: '我知道了，继续取号',
    apptTitle: '有预约吗？（可跳过）',
    apptHint: '没有预约也可以直接取号，不影响办理。',
    apptCode: '预约码',
    apptCheckIn: '预约签到',
    apptSkip: '没有预约，直接取号',
    apptDone: '预约签到成功，已按预约优先排队。',
    taking: '正在取号…',
    yourNumber: '您的号码',
    ahead: '前面还有 {n} 人',
    estimate: '预计等候约 {m} 分钟',
    estimateNow: '请留意叫号',
    scan: '扫描号票上的二维码，用手机查看排队进度',
    printing: '正在打印号票…',
    printed: '号票已打印，请取走号票',
    printFailed: '号票打印失败，您的号码已保留：{number}',
    noPrinter: '本机未连接打印机，请记住您的号码或拍照留存',
    reprint: '重新打印',
    reprinting: '正在重新打印…',
    done: '完成',
    elder: '长者模式',
    language: 'English',
    error: '取号失败：{detail}',
    retry: '重试',
    idle: '无人操作时将返回首页',
    speakPick: '请选择要办理的事项',
    speakResult: '您的号码是{number}，前面还有{n}人，请留意叫号',
    cat_elderly: '老年人',
    cat_child: '携带幼儿',
    cat_sick: '病患',
    cat_disabled: '残疾人',
    cat_pregnant: '孕妇',
    cat_military: '军人',
    cat_key_project: '重点项目',
    cat_urgent: '急事急办',
  },
  en: {
    title: 'Take a ticket',
    pick: 'Choose the matter you came for',
    search: 'Search',
    searchHint: 'Type a name or pinyin initials, e.g. sb (social security)',
    clear: 'Clear',
    letterPad: 'Pinyin initials',
    forMatter: 'Matter: {name}',
    all: 'All areas',
    waiting: '{n} waiting',
    wait: '~{m} min',
    waitUnknown: 'No window open',
    waitNone: 'No wait',
    noMatch: 'No matching matter. Please ask at the help desk.',
    priorityTitle: 'Do you need priority or assistance?',
    priorityHint:
      'Eligible citizens are served first through the green channel (choose any, or none for a normal ticket)',
    assistance: 'I need assistance',
    assistanceHint: 'A staff member will help you',
    next: 'Next',
    back: 'Back',
    normal: 'No, a normal ticket',
    proofTitle: 'Please show proof to the staff',
    proofHint:
      'You chose: {categories}. When called, show the clerk a document that proves it (ID card, senior card, disability card, military ID).',
    proofOk: 'Understood, take my ticket',
    apptTitle: 'Do you have an appointment? (optional)',
    apptHint: 'No appointment needed: you can take a ticket right away.',
    apptCode: 'Appointment code',
    apptCheckIn: 'Check in',
    apptSkip: 'No appointment, take a ticket',
    apptDone: 'Checked in: your booking keeps its place near your time.',
    taking: 'Taking your ticket…',
    yourNumber: 'Your number',
    ahead: '{n} ahead of you',
    estimate: 'About {m} min',
    estimateNow: 'Watch the screens',
    scan: 'Scan the QR code on the ticket to follow the queue on your phone',
    printing: 'Printing your ticket…',
    printed: 'Please take your ticket',
    printFailed: 'Printing failed. Your number is kept: {number}',
    noPrinter: 'No printer here: please note your number or take a photo',
    reprint: 'Print again',
    reprinting: 'Printing again…',
    done: 'Done',
    elder: 'Large text',
    language: '中文',
    error: 'Could not take a ticket: {detail}',
    retry: 'Try again',
    idle: 'Returns to the start when idle',
    speakPick: 'Please choose your matter',
    speakResult: 'Your number is {number}. {n} people are ahead of you.',
    cat_elderly: 'Elderly',
    cat_child: 'With a small child',
    cat_sick: 'Sick',
    cat_disabled: 'Disabled',
    cat_pregnant: 'Pregnant',
    cat_military: 'Military',
    cat_key_project: 'Key project',
    cat_urgent: 'Urgent',
  },
};

export type KioskT = (key: KioskKey, vars?: Record<string, string | number>) => string;
