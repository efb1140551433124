import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type HubConfig } from '../config.js';
import { isDomainError } from '../domain/index.js';
import type { Store } from '../store/port.js';
import { openSqliteStore, SCHEMA_VERSION, StoreFileError } from '../store/sqlite/index.js';
import { exportHall } from './export-hall.js';
import { TransferError } from './format.js';
import { importHallExport } from './import-hall.js';

/**
 * `npm run hall:export -- --hall <id> --out <file>` and
 * `npm run hall:import -- --in <file>`, on the store the environment names
 * (STORE, DATA_DIR, MONGODB_URI, as for the hub). Exit codes: 0 done,
 * 1 refused (the file or the target store does not allow it; nothing
 * changed), 2 wrong usage or configuration.
 */
const USAGE = `usage:
  npm run hall:export -- --hall <hall id> --out <file.jsonl>
  npm run hall:import -- --in <file.jsonl>`;

class UsageError extends Error {}

// A command's own output, whatever LOG_LEVEL says: a line for the person who ran it.
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

interface OpenedStore {
  store: Store;
  /** What an export's header says about where it came from. */
  source: { store: 'sqlite' | 'mongodb'; schema: number };
}

/** The store the hub would open with this configuration. */
async function openStore(config: HubConfig): Promise<OpenedStore> {
  if (config.STORE === 'mongodb') {
    // Loaded only when used, as the hub does (store/index.ts).
    const mongo = await import('../store/mongodb/index.js');
    try {
      return {
        store: await mongo.openMongoStore({ uri: config.MONGODB_URI as string }),
        source: { store: 'mongodb', schema: mongo.SCHEMA_VERSION },
      };
    } catch (err) {
      // No replica set, or a database migrated by a newer hub: the configuration's problem.
      if (
        err instanceof mongo.MongoStoreError ||
        (err instanceof Error && /newer than this hub/.test(err.message))
      )
        throw new ConfigError(err.message);
      throw err;
    }
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return {
    store: openSqliteStore({
      file: path.join(config.dataDir, 'hall.db'),
      synchronous: config.SQLITE_SYNCHRONOUS,
    }),
    source: { store: 'sqlite', schema: SCHEMA_VERSION },
  };
}

async function runExport({ store, source }: OpenedStore, hallId: string, out: string): Promise<string> {
  if (existsSync(out))
    throw new UsageError(`${out} exists already; choose a new file (an export never overwrites one).`);
  // Written beside the target and renamed at the end: a failed export leaves no half file behind.
  const partial = `${out}.partial`;
  // The file holds staff password hashes and the day's tickets: its owner's alone.
  const stream = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  let lines = 0;
  try {
    for await (const line of exportHall(store, hallId, { ...source, now: Date.now() })) {
      if (!stream.write(line)) await once(stream, 'drain');
      lines++;
    }
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  return `exported hall ${hallId} to ${out} (${lines} lines)`;
}

async function runImport({ store }: OpenedStore, file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { header, data } = await importHallExport(store, text.split('\n'));
  return `imported hall ${header.hallId} from ${file}: ${data.tickets.length} tickets, ${data.events.length} events (exported ${header.exportedAt} from ${header.source.store} schema ${header.source.schema})`;
}

async function main(argv: string[]): Promise<number> {
  let opened: OpenedStore | null = null;
  try {
    const [command, ...rest] = argv;
    const { values } = parseArgs({
      args: rest,
      options: { hall: { type: 'string' }, out: { type: 'string' }, in: { type: 'string' } },
      strict: true,
    });
    if (command === 'export' && (!values.hall || !values.out))
      throw new UsageError('export needs --hall and --out');
    if (command === 'import' && !values.in) throw new UsageError('import needs --in');
    if (command !== 'export' && command !== 'import')
      throw new UsageError(`unknown command ${command ?? '(none)'}`);
    opened = await openStore(loadConfig());
    const message =
      command === 'export'
        ? await runExport(opened, values.hall!, values.out!)
        : await runImport(opened, values.in!);
    say(message);
    return 0;
  } catch (err) {
    if (err instanceof TransferError) {
      complain(`refused, nothing imported: ${err.message}`);
      return 1;
    }
    if (isDomainError(err)) {
      complain(`refused (${err.code}), nothing changed: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      complain(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof StoreFileError) {
      complain(err.message);
      return 2;
    }
    throw err;
  } finally {
    await opened?.store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
