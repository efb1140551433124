import type { Messages } from '@hall-queue/ui-shared/i18n.js';

type Key =
  | 'title'
  | 'notOffered'
  | 'noGate'
  | 'chooseService'
  | 'chooseDay'
  | 'chooseSlot'
  | 'noSlots'
  | 'details'
  | 'name'
  | 'phone'
  | 'optional'
  | 'confirm'
  | 'booked'
  | 'code'
  | 'codeHint'
  | 'cancel'
  | 'reschedule'
  | 'cancelled'
  | 'missed'
  | 'checkedIn'
  | 'lookup'
  | 'lookupButton'
  | 'back'
  | 'newBooking'
  | 'qr';

export const MESSAGES: Messages<Key> = {
  zh: {
    title: '预约办事',
    notOffered: '本大厅暂未开放网上预约。',
    noGate: '无需预约，可随时到大厅取号办理。',
    chooseService: '请选择要办理的事项',
    chooseDay: '请选择日期',
    chooseSlot: '请选择时段',
    noSlots: '这一天没有可预约的时段，请选择其他日期。',
    details: '联系信息',
    name: '姓名',
    phone: '手机号',
    optional: '（选填）',
    confirm: '确认预约',
    booked: '预约成功',
    code: '预约码',
    codeHint: '到大厅后，在取号机扫描二维码或输入预约码签到取号。',
    cancel: '取消预约',
    reschedule: '改约时间',
    cancelled: '预约已取消',
    missed: '预约已过时，请直接取号',
    checkedIn: '已签到取号',
    lookup: '已有预约？输入预约码查询',
    lookupButton: '查询',
    back: '返回',
    newBooking: '重新预约',
    qr: '预约码二维码',
  },
  en: {
    title: 'Book a visit',
    notOffered: 'This hall does not take online bookings.',
    noGate: 'No booking is needed: take a ticket at the hall any time.',
    chooseService: 'Choose a matter',
    chooseDay: 'Choose a day',
    chooseSlot: 'Choose a time',
    noSlots: 'No time can be booked that day; choose another day.',
    details: 'Contact',
    name: 'Name',
    phone: 'Mobile phone',
    optional: ' (optional)',
    confirm: 'Book',
    booked: 'Booked',
    code: 'Booking code',
    codeHint: 'At the hall, scan the QR code or type the code at the ticket machine to check in.',
    cancel: 'Cancel booking',
    reschedule: 'Change time',
    cancelled: 'Booking cancelled',
    missed: 'The booking has lapsed; take a ticket',
    checkedIn: 'Checked in',
    lookup: 'Booked already? Enter your code',
    lookupButton: 'Look up',
    back: 'Back',
    newBooking: 'Book again',
    qr: 'QR code of the booking code',
  },
};
