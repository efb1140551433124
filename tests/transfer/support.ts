import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  catchUpBadRatings,
  catchUpStats,
  expireDay,
  hallStats,
  type AppDeps,
} from '../../server/src/app/index.js';
import type { Store } from '../../server/src/store/port.js';
import { hallSettingKeys } from '../../server/src/transfer/setting-keys.js';
import {
  createDevice,
  createHall,
  createService,
  createUser,
  createWindow,
  setupAdmin,
} from '../helpers/api-fixtures.js';
import type { TestHub } from '../helpers/hub.js';
import { simulateMonth, type SimWindow } from '../stats/month-simulation.js';
import { Clock, startSimHub } from '../stats/support.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Two weekdays of March 2025, opening 09:00 in Shanghai. */
export const DAYS = [
  { day: '2025-03-03', opensAt: Date.UTC(2025, 2, 3, 1, 0) },
  { day: '2025-03-04', opensAt: Date.UTC(2025, 2, 4, 1, 0) },
];

export interface SourceHall {
  t: TestHub;
  clock: Clock;
  hallId: string;
  serviceId: string;
  /** A supervisor of the hall (password: the fixtures' PASSWORD), to read its statistics over HTTP. */
  supervisor: string;
}

/**
 * A hall with matters, windows of four kinds, clerks, a keypad, hall settings
 * and two realistic days (issues, calls, no-shows, transfers, cancellations,
 * ratings with their 整改 cases, an end-of-day run) driven through the use cases
 * on a real SQLite file, with the statistics rolled up.
 */
export async function buildSourceHall(): Promise<SourceHall> {
  const clock = new Clock(Date.UTC(2025, 2, 2, 0, 0));
  const t = await startSimHub({ now: clock.now });
  const admin = await setupAdmin(t);
  const hall = await createHall(admin, { timeZone: 'Asia/Shanghai' });
  const services = [
    await createService(admin, hall.id, { domain: '社保', prefix: 'A' }),
    await createService(admin, hall.id, { domain: '医保', prefix: 'B' }),
    await createService(admin, hall.id, { domain: '公安', prefix: 'C' }),
  ];
  const clerks: string[] = [];
  for (let i = 0; i < 4; i += 1) clerks.push((await createUser(t, admin, { hallIds: [hall.id] })).user.id);
  const windows = [
    await createWindow(admin, hall.id, { kind: 'comprehensive', clerkIds: [clerks[0]] }),
    await createWindow(admin, hall.id, { kind: 'comprehensive', clerkIds: [clerks[1]] }),
    await createWindow(admin, hall.id, { kind: 'domain', domains: ['公安'], clerkIds: [clerks[2]] }),
    await createWindow(admin, hall.id, { kind: 'green_channel', clerkIds: [clerks[3]] }),
  ];
  const keypad = await createDevice(admin, hall.id, { kind: 'keypad', windowId: windows[3]!.id });
  await createDevice(admin, hall.id, { kind: 'printer' });
  const supervisor = (await createUser(t, admin, { role: 'supervisor', hallIds: [hall.id] })).user.username;
  const settings = await admin.put(`/api/v1/halls/${hall.id}/evaluation-settings`, {
    acceptMinutes: 15,
    qrAcceptMinutes: 600,
  });
  if (settings.status !== 200) throw new Error(`evaluation settings: ${JSON.stringify(settings.body)}`);
  const sim: SimWindow[] = windows.map((window, i) => ({
    window,
    clerkId: clerks[i]!,
    actor: i === 3 ? { type: 'device', id: keypad.device.id } : { type: 'user', id: clerks[i]! },
  }));
  await simulateMonth({ deps: t.deps, clock, hallId: hall.id, services, windows: sim, days: DAYS, seed: 11 });
  // The next morning's run closes the last day, as a hub's end-of-day job would wherever the hall goes next.
  clock.at = DAYS.at(-1)!.opensAt + 24 * 3_600_000;
  await expireDay(t.deps, { hallId: hall.id });
  await catchUpBadRatings(t.deps, { hallId: hall.id });
  await catchUpStats(t.deps, { hallId: hall.id });
  return { t, clock, hallId: hall.id, serviceId: services[0]!.id, supervisor };
}

/** Everything a restored hall must read exactly as its source did, as one JSON text. */
export async function hallPicture(
  store: Store,
  deps: AppDeps,
  hallId: string,
): Promise<Record<string, string>> {
  const devices = await store.listDevices(hallId);
  const tickets = await store.listTickets(hallId);
  const days = [...new Set(tickets.map((t) => t.businessDay))].sort();
  const settings: Record<string, unknown> = {};
  for (const key of hallSettingKeys(devices)) settings[key] = await store.getHallSetting(hallId, key);
  const report = (filters: Record<string, string> = {}) =>
    hallStats(deps, { hallId, from: DAYS[0]!.day, to: DAYS.at(-1)!.day, ...filters });
  const windows = await store.listWindows(hallId);
  const services = await store.listServices(hallId);
  return {
    stats: JSON.stringify(await report()),
    statsByWindow: JSON.stringify(await Promise.all(windows.map((w) => report({ windowId: w.id })))),
    statsByDomain: JSON.stringify(
      await Promise.all([...new Set(services.map((s) => s.domain))].map((domain) => report({ domain }))),
    ),
    events: JSON.stringify(await store.listEvents(hallId, 0, 1_000_000)),
    lastSeq: String(await store.lastSeq(hallId)),
    hall: JSON.stringify(await store.getHall(hallId)),
    config: JSON.stringify({ services, windows, devices, settings }),
    users: JSON.stringify((await store.listUsers()).filter((u) => u.hallIds.includes(hallId))),
    tickets: JSON.stringify(tickets),
    evaluations: JSON.stringify(await store.listEvaluations(hallId)),
    rectifications: JSON.stringify(await store.listRectifications(hallId)),
    printJobs: JSON.stringify(await store.listPrintJobs({ hallId })),
    rollup: JSON.stringify({
      cursor: await store.getStatsCursor(hallId),
      facts: await store.listTicketFacts(hallId, { days }),
    }),
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run hall:export` / `hall:import` as their own process, on the store `env` names. */
export function runTransferCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/transfer/cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, STORE: '', MONGODB_URI: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
