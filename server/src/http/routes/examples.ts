/** Request examples shown in docs/api.md; the bad-input tests send them to unknown ids. */

export const EXAMPLE_CONFIG = {
  format: 'hall-queue.hall-config' as const,
  version: 1 as const,
  hall: { name: '兴庆区政务服务中心', level: 'county' as const, timeZone: 'Asia/Shanghai' },
  services: [
    {
      code: 'SB001',
      name: '社会保障卡申领',
      domain: '社保',
      prefix: 'A',
      pinyin: 'shbzksl',
      expectedMinutes: 6,
    },
    { code: 'KS001', name: '跨省通办', domain: '跨省通办', prefix: 'K', crossRegion: true },
  ],
  windows: [
    { number: 1, name: '综合受理窗口', kind: 'comprehensive' as const },
    { number: 2, name: '社保窗口', kind: 'domain' as const, domains: ['社保'], overflow: true },
    { number: 9, name: '跨省通办窗口', kind: 'cross_region' as const, services: ['KS001'] },
  ],
};
