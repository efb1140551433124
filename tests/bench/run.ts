import { inProcessBench } from './in-process.js';
import { describeMachine, machineLines } from './machine.js';
import { markdown, textTable, verdict, type Part } from './report.js';

/**
 * `npm run bench`: throughput and latency of the hub, each figure next to a
 * baseline measured in the same run (DESIGN.md §7). Not a test: it prints
 * figures and ends with the same tables as markdown for the README.
 *
 * Env: BENCH_PARTS (default a), BENCH_TICKETS (a, default 2000).
 */

const HARD_LIMIT_MS = 8 * 60_000;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const parts = new Set((process.env.BENCH_PARTS ?? 'a').split(',').map((p) => p.trim()));
  const machine = describeMachine();
  console.log('Machine');
  for (const line of machineLines(machine)) console.log(`  ${line}`);
  console.log('');

  const results: Part[] = [];
  const show = (part: Part) => {
    results.push(part);
    console.log(`${textTable(part)}\n`);
  };
  if (parts.has('a')) {
    console.log('Running (a) in process …');
    show(await inProcessBench({ tickets: envInt('BENCH_TICKETS', 2000), phaseCapMs: 60_000 }));
  }
  const targets = results.flatMap((p) => p.figures).filter((f) => f.target !== undefined);
  const missed = targets.filter((f) => verdict(f) !== 'pass').length;
  console.log(`Targets: ${targets.length - missed} of ${targets.length} met.\n`);
  console.log('---- markdown ----\n');
  console.log(
    [
      `Measured on: ${machineLines(machine).join('; ')}.`,
      '',
      ...results.map(markdown).flatMap((m) => [m, '']),
    ].join('\n'),
  );
}

const limit = setTimeout(() => {
  console.error(`The benchmark took longer than ${HARD_LIMIT_MS / 60_000} minutes; stopping.`);
  process.exit(1);
}, HARD_LIMIT_MS);
limit.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.exit(130);
  });
}

main()
  .then(() => {
    // Sockets of the load generator and clients may linger; the figures are out.
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
