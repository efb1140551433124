import { windowFilters, type EligibilityFilter } from '../../../server/src/domain/index.js';
import { openMongoStore } from '../../../server/src/store/mongodb/index.js';
import { openSqliteStore } from '../../../server/src/store/sqlite/index.js';
import { buildIssueInput } from '../../helpers/factories.js';
import { stdinLines } from './child.js';

/**
 * One hub process of the race test: its windows press call-next as fast as
 * they can while its kiosk issues more tickets, until nothing is left.
 */
export interface RaceConfig {
  /** The SQLite file both processes share; or `mongodb`: the database both share. */
  file: string;
  mongodb?: { uri: string; dbName: string };
  hallId: string;
  businessDay: string;
  windowIds: string[];
  /** Tickets this process issues while it calls. */
  issue: number;
  /** Keeps the ticket ids of the two processes apart. */
  tag: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as RaceConfig;
// Windows here press with no pause at all, which real clerks never do; SQLite's lock
// is not fair, so one process can wait out several of the other's bursts.
const store = config.mongodb
  ? await openMongoStore(config.mongodb)
  : openSqliteStore({ file: config.file, busyTimeoutMs: 30_000 });
const ctx = {
  services: await store.listServices(config.hallId),
  windows: await store.listWindows(config.hallId),
};
const filters = new Map<string, EligibilityFilter[]>();
for (const w of ctx.windows) if (config.windowIds.includes(w.id)) filters.set(w.id, windowFilters(w, ctx));
const service = ctx.services[0];
if (!service || filters.size !== config.windowIds.length)
  throw new Error('The hall is not set up for the race.');

console.log('ready');
const input = stdinLines();
await input.next();

const started = performance.now();
let issued = 0;
let claims = 0;
for (;;) {
  if (issued < config.issue) {
    const now = Date.now();
    await store.issueTicket(
      buildIssueInput(service, {
        id: `${config.tag}-${issued}`,
        prefix: 'A',
        businessDay: config.businessDay,
        issuedAt: now,
        effectiveAt: now,
      }),
    );
    issued += 1;
  }
  let claimedThisRound = false;
  for (const [windowId, windowFilter] of filters) {
    const result = await store.claimNext({
      hallId: config.hallId,
      windowId,
      filters: windowFilter,
      businessDay: config.businessDay,
      now: Date.now(),
      actor: { type: 'device', id: `keypad-${windowId}` },
      idempotencyMs: 0,
      completeCurrent: true,
    });
    if (result.kind === 'claimed') {
      claims += 1;
      claimedThisRound = true;
    }
  }
  // Every window has just found the queue empty (and finished its last ticket) after our last issue.
  if (issued >= config.issue && !claimedThisRound) break;
}
console.log(`done ${JSON.stringify({ claims, issued, ms: performance.now() - started })}`);
await store.close();
process.exit(0);
