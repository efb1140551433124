import { openSqliteStore } from '../../../server/src/store/sqlite/index.js';
import { buildIssueInput } from '../../helpers/factories.js';

/**
 * Issues tickets in a tight loop and says so after each one, until it is
 * killed: the crash test pulls the plug on it mid-write.
 */
export interface CrashConfig {
  file: string;
  hallId: string;
  serviceIds: string[];
  businessDays: string[];
  tag: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as CrashConfig;
const store = openSqliteStore({ file: config.file });
const prefixes = ['A', 'B'];

for (let i = 0; ; i++) {
  const serviceId = config.serviceIds[i % config.serviceIds.length] ?? '';
  const { ticket } = await store.issueTicket(
    buildIssueInput(
      { id: serviceId, hallId: config.hallId, prefix: prefixes[i % 2] ?? 'A' },
      {
        id: `${config.tag}-${i}`,
        businessDay: config.businessDays[i % config.businessDays.length] ?? '',
        issuedAt: Date.now(),
      },
    ),
  );
  // A pipe write is synchronous on Linux: once printed, the ticket was committed.
  console.log(`issued ${i + 1} ${ticket.businessDay} ${ticket.number}`);
}
