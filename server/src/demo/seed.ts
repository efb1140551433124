import {
  SYSTEM,
  configChanged,
  defaultDedicated,
  defaultRules,
  type Hall,
  type Service,
  type ServiceWindow,
  type WindowKind,
} from '../domain/index.js';
import type { AppDeps, AuditChange } from '../app/index.js';
import { DEMO_CATALOGUE } from './catalogue.js';

export const DEMO_HALL_NAME = '银川市民大厅';
/** A readable id, so screen URLs of the demo can be typed: /display with hallId `yinchuan`. */
export const DEMO_HALL_ID = 'yinchuan';

interface WindowPlan {
  number: number;
  name: string;
  kind: WindowKind;
  domains?: string[];
  overflow?: boolean;
}

/** Every window kind, the way a city hall lays out its counters. */
const WINDOWS: readonly WindowPlan[] = [
  { number: 1, name: '综合受理窗口', kind: 'comprehensive' },
  { number: 2, name: '综合受理窗口', kind: 'comprehensive' },
  { number: 3, name: '综合受理窗口', kind: 'comprehensive' },
  { number: 4, name: '社保医保窗口', kind: 'domain', domains: ['社保', '医保'], overflow: true },
  { number: 5, name: '不动产登记窗口', kind: 'domain', domains: ['不动产登记'] },
  { number: 6, name: '企业开办窗口', kind: 'domain', domains: ['市场监管', '税务'], overflow: true },
  { number: 7, name: '绿色通道', kind: 'green_channel', overflow: true },
  { number: 8, name: '帮办代办窗口', kind: 'assisted', overflow: true },
  { number: 9, name: '跨省通办窗口', kind: 'cross_region' },
  { number: 10, name: '办不成事反映窗口', kind: 'cannot_handle' },
];

export interface DemoHall {
  hall: Hall;
  services: Service[];
  windows: ServiceWindow[];
}

/**
 * The demo hall that `npm start` creates on an empty data directory. It keeps
 * the hall open around the clock so it can be tried at any hour; a real
 * hall's hours are set in the admin console.
 */
export async function seedDemoHall(deps: AppDeps): Promise<DemoHall> {
  const now = deps.now();
  const allDay = [{ open: '00:00', close: '24:00' }];
  const audit = (change: AuditChange) => [
    configChanged({ hallId: DEMO_HALL_ID, at: now, actor: SYSTEM }, change),
  ];
  const { hall } = await deps.store.saveHall(
    {
      id: DEMO_HALL_ID,
      name: DEMO_HALL_NAME,
      level: 'city',
      timeZone: 'Asia/Shanghai',
      calendar: { weekly: Array.from({ length: 7 }, () => allDay), holidays: [], special: {} },
      rules: defaultRules(),
      createdAt: now,
      updatedAt: now,
    },
    audit({ entity: 'hall', action: 'created', subjectId: DEMO_HALL_ID }),
  );
  const services: Service[] = [];
  for (const [i, entry] of DEMO_CATALOGUE.entries()) {
    const crossRegion = entry.crossRegion ?? false;
    const cannotHandle = entry.cannotHandle ?? false;
    services.push(
      (
        await deps.store.saveService(
          {
            id: deps.newId(),
            hallId: hall.id,
            code: entry.code,
            name: entry.name,
            domain: entry.domain,
            prefix: entry.prefix,
            crossRegion,
            cannotHandle,
            dedicated: defaultDedicated({ crossRegion, cannotHandle }),
            expectedMinutes: entry.expectedMinutes,
            pinyin: entry.pinyin,
            enabled: true,
            sortOrder: i,
          },
          audit({ entity: 'service', action: 'created', label: entry.code }),
        )
      ).service,
    );
  }
  const windows: ServiceWindow[] = [];
  for (const plan of WINDOWS) {
    windows.push(
      (
        await deps.store.saveWindow(
          {
            id: deps.newId(),
            hallId: hall.id,
            number: plan.number,
            name: plan.name,
            kind: plan.kind,
            domains: plan.domains ?? [],
            serviceIds: [],
            overflow: plan.overflow ?? false,
            state: 'open',
            pauseReason: null,
            clerkIds: [],
            currentClerkId: null,
            currentTicketId: null,
            lastCallNextAt: null,
            sortOrder: plan.number,
          },
          audit({ entity: 'window', action: 'created', label: String(plan.number) }),
        )
      ).window,
    );
  }
  return { hall, services, windows };
}
