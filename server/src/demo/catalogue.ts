/**
 * The demo hall's matter catalogue (事项目录): real matter names from the
 * usual areas of a city hall, with pinyin initials for the kiosk search.
 */
export interface CatalogueEntry {
  code: string;
  name: string;
  domain: string;
  prefix: string;
  pinyin: string;
  expectedMinutes: number;
  crossRegion?: boolean;
  cannotHandle?: boolean;
}

export const DEMO_CATALOGUE: readonly CatalogueEntry[] = [
  {
    code: 'SB001',
    name: '社会保障卡申领',
    domain: '社保',
    prefix: 'A',
    pinyin: 'shbzksl',
    expectedMinutes: 6,
  },
  {
    code: 'SB002',
    name: '城乡居民养老保险参保登记',
    domain: '社保',
    prefix: 'A',
    pinyin: 'cxjmylbxcbdj',
    expectedMinutes: 8,
  },
  {
    code: 'SB003',
    name: '失业保险金申领',
    domain: '社保',
    prefix: 'A',
    pinyin: 'sybxjsl',
    expectedMinutes: 10,
  },
  {
    code: 'YB001',
    name: '基本医疗保险参保登记',
    domain: '医保',
    prefix: 'B',
    pinyin: 'jbylbxcbdj',
    expectedMinutes: 6,
  },
  { code: 'YB002', name: '异地就医备案', domain: '医保', prefix: 'B', pinyin: 'ydjyba', expectedMinutes: 5 },
  {
    code: 'YB003',
    name: '门诊慢特病待遇认定',
    domain: '医保',
    prefix: 'B',
    pinyin: 'mzmtbdyrd',
    expectedMinutes: 12,
  },
  { code: 'GA001', name: '户口迁移', domain: '公安户籍', prefix: 'C', pinyin: 'hkqy', expectedMinutes: 12 },
  {
    code: 'GA002',
    name: '居民身份证申领',
    domain: '公安户籍',
    prefix: 'C',
    pinyin: 'jmsfzsl',
    expectedMinutes: 8,
  },
  { code: 'GA003', name: '居住证办理', domain: '公安户籍', prefix: 'C', pinyin: 'jzzbl', expectedMinutes: 7 },
  {
    code: 'BDC001',
    name: '不动产登记资料查询',
    domain: '不动产登记',
    prefix: 'D',
    pinyin: 'bdcdjzlcx',
    expectedMinutes: 5,
  },
  {
    code: 'BDC002',
    name: '不动产抵押登记',
    domain: '不动产登记',
    prefix: 'D',
    pinyin: 'bdcdydj',
    expectedMinutes: 15,
  },
  {
    code: 'BDC003',
    name: '二手房过户',
    domain: '不动产登记',
    prefix: 'D',
    pinyin: 'esfgh',
    expectedMinutes: 25,
  },
  {
    code: 'SJ001',
    name: '企业设立登记',
    domain: '市场监管',
    prefix: 'E',
    pinyin: 'qysldj',
    expectedMinutes: 20,
  },
  {
    code: 'SJ002',
    name: '个体工商户登记',
    domain: '市场监管',
    prefix: 'E',
    pinyin: 'gtgshdj',
    expectedMinutes: 12,
  },
  {
    code: 'SJ003',
    name: '食品经营许可',
    domain: '市场监管',
    prefix: 'E',
    pinyin: 'spjyxk',
    expectedMinutes: 15,
  },
  { code: 'SW001', name: '发票申领', domain: '税务', prefix: 'F', pinyin: 'fpsl', expectedMinutes: 6 },
  {
    code: 'SW002',
    name: '个人所得税综合所得汇算',
    domain: '税务',
    prefix: 'F',
    pinyin: 'grsdszhsdhs',
    expectedMinutes: 10,
  },
  {
    code: 'SW003',
    name: '新办纳税人涉税事项',
    domain: '税务',
    prefix: 'F',
    pinyin: 'xbnsrsssx',
    expectedMinutes: 15,
  },
  {
    code: 'GJJ001',
    name: '住房公积金提取',
    domain: '公积金',
    prefix: 'G',
    pinyin: 'zfgjjtq',
    expectedMinutes: 8,
  },
  {
    code: 'GJJ002',
    name: '住房公积金贷款申请',
    domain: '公积金',
    prefix: 'G',
    pinyin: 'zfgjjdksq',
    expectedMinutes: 20,
  },
  { code: 'YJS001', name: '出生一件事', domain: '一件事', prefix: 'H', pinyin: 'csyjs', expectedMinutes: 15 },
  { code: 'YJS002', name: '婚育一件事', domain: '一件事', prefix: 'H', pinyin: 'hyyjs', expectedMinutes: 15 },
  {
    code: 'YJS003',
    name: '企业职工退休一件事',
    domain: '一件事',
    prefix: 'H',
    pinyin: 'qyzgtxyjs',
    expectedMinutes: 20,
  },
  {
    code: 'KS001',
    name: '跨省通办（异地事项代收代办）',
    domain: '跨省通办',
    prefix: 'K',
    pinyin: 'ksthb',
    expectedMinutes: 15,
    crossRegion: true,
  },
  {
    code: 'BBC001',
    name: '办不成事反映',
    domain: '办不成事',
    prefix: 'Z',
    pinyin: 'bbcsfy',
    expectedMinutes: 10,
    cannotHandle: true,
  },
];
