import type { Lang } from '@hall-queue/ui-shared/i18n.js';

/** What each kind of window is called, in full (counter display) and short (board cards). */
export const KIND_NAMES: Record<string, { zh: string; en: string; zhShort: string; enShort: string }> = {
  comprehensive: { zh: '无差别综合窗口', en: 'Comprehensive window', zhShort: '综合', enShort: 'Any matter' },
  domain: { zh: '分领域综合窗口', en: 'Domain window', zhShort: '分领域', enShort: 'Domain' },
  assisted: { zh: '帮办代办窗口', en: 'Assisted service', zhShort: '帮办代办', enShort: 'Assisted' },
  cross_region: {
    zh: '跨省通办窗口',
    en: 'Cross-region window',
    zhShort: '跨省通办',
    enShort: 'Cross-region',
  },
  cannot_handle: {
    zh: '办不成事反映窗口',
    en: '"Could not get it done" window',
    zhShort: '办不成事',
    enShort: 'Could not get it done',
  },
  green_channel: { zh: '绿色通道', en: 'Green channel', zhShort: '绿色通道', enShort: 'Green channel' },
};

/** The short kind a board card shows beside the window's name; empty when the name already says it. */
export function shortKind(kind: string, name: string, lang: Lang): string {
  const k = KIND_NAMES[kind];
  if (!k) return '';
  const label = lang === 'en' ? k.enShort : k.zhShort;
  return name.includes(label) ? '' : label;
}
