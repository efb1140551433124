import { connect, databaseOf, MongoStoreError, redactUri } from './connection.js';
import { COLLECTIONS } from './migrations.js';
import { QUEUE_SORT, QUEUED_PROJECTION, waitingOfDayFilter } from './queries.js';

/**
 * `npm run mongo:explain`: prints the query plan MongoDB chooses for the
 * claim query (one hall's waiting tickets of one business day in queue
 * order) on the database at MONGODB_URI, without a hint, so it shows whether
 * the planner picks `tickets_claim` by itself. HALL_ID and BUSINESS_DAY pick
 * the hall and day; by default the hall and day of the most recently issued
 * ticket. Reads only.
 */

interface PlanStage {
  stage?: string;
  indexName?: string;
  inputStage?: PlanStage;
  inputStages?: PlanStage[];
}

function stages(plan: PlanStage | undefined): string[] {
  if (!plan) return [];
  const here = plan.stage ? [`${plan.stage}${plan.indexName ? ` (${plan.indexName})` : ''}`] : [];
  return [...here, ...stages(plan.inputStage), ...(plan.inputStages ?? []).flatMap(stages)];
}

// A command-line tool: its output is for the person at the terminal, not the hub's logger.
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    complain('Set MONGODB_URI (a replica set, e.g. mongodb://127.0.0.1:27017/hall?replicaSet=rs0).');
    process.exit(2);
  }
  const { client, db } = await connect(uri, databaseOf(uri));
  try {
    const tickets = db.collection(COLLECTIONS.tickets);
    const latest = await tickets.findOne({}, { sort: { issuedAt: -1 } });
    const hallId = process.env.HALL_ID ?? (latest?.hallId as string | undefined);
    const businessDay = process.env.BUSINESS_DAY ?? (latest?.businessDay as string | undefined);
    if (!hallId || !businessDay) {
      complain('No tickets in this database: set HALL_ID and BUSINESS_DAY.');
      process.exitCode = 2;
      return;
    }
    const filter = waitingOfDayFilter(hallId, businessDay);
    const explained = (await tickets
      .find(filter, { sort: QUEUE_SORT, projection: QUEUED_PROJECTION })
      .explain('executionStats')) as {
      queryPlanner?: { winningPlan?: PlanStage & { queryPlan?: PlanStage } };
      executionStats?: {
        nReturned?: number;
        totalKeysExamined?: number;
        totalDocsExamined?: number;
        executionTimeMillis?: number;
      };
    };
    const winning = explained.queryPlanner?.winningPlan;
    say(`database ${db.databaseName} at ${redactUri(uri)}`);
    say(`claim query: ${JSON.stringify(filter)} sort ${JSON.stringify(QUEUE_SORT)}`);
    say(`winning plan: ${stages(winning?.queryPlan ?? winning).join(' ← ')}`);
    say(
      `execution: ${JSON.stringify(explained.executionStats ?? {}, ['nReturned', 'totalKeysExamined', 'totalDocsExamined', 'executionTimeMillis'])}`,
    );
    if (process.argv.includes('--full')) say(JSON.stringify(explained, null, 2));
  } finally {
    await client.close();
  }
}

await main().catch((err: unknown) => {
  complain(
    err instanceof MongoStoreError
      ? err.message
      : String(err instanceof Error ? (err.stack ?? err.message) : err),
  );
  process.exit(err instanceof MongoStoreError ? 2 : 1);
});
