import type { PaperWidth, TicketDocument } from '../../domain/ticket-document.js';
import type { Hall, PriorityCategory, Service, Ticket } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';
import { requireHall, requireService } from '../lookups.js';
import { loadQueueView } from '../queue-view.js';
import { getTicketLayout } from './ticket-layout.js';

/**
 * Builds the words of a ticket from the queue: the same function feeds the
 * printer and the kiosk's ticket image, so both say the same thing.
 */

const CATEGORY_ZH: Record<PriorityCategory, string> = {
  elderly: '老年人',
  child: '携幼儿',
  sick: '病患',
  disabled: '残疾人',
  pregnant: '孕妇',
  military: '军人',
  key_project: '重点项目',
  urgent: '急事急办',
};

/** Where the citizen waits, by the routing rules of DESIGN.md §4. */
export function goToText(ticket: Ticket, service: Service): string {
  if (service.cannotHandle) return '请到办不成事反映窗口等候叫号';
  if (service.crossRegion) return '请到跨省通办窗口等候叫号';
  if (ticket.categories.length > 0) return '请到绿色通道或综合受理窗口等候叫号';
  if (ticket.assistance) return '请到帮办代办窗口等候，工作人员将协助您';
  return `请到综合受理窗口或${service.domain}窗口等候叫号`;
}

function priorityText(ticket: Ticket): string {
  const parts = ticket.categories.map((c) => CATEGORY_ZH[c]);
  if (ticket.assistance) parts.push('帮办代办');
  return parts.length > 0 ? `优先 · ${parts.join('、')}` : '';
}

export function formatIssuedAt(at: number, hall: Hall): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: hall.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The QR leads to the citizen's live status page, /t/<statusToken>. */
export function statusPageUrl(baseUrl: string, ticket: Ticket): string {
  return `${baseUrl.replace(/\/+$/, '')}/t/${ticket.statusToken}`;
}

export async function buildTicketDocument(
  deps: AppDeps,
  props: { ticket: Ticket; copy: number; baseUrl: string },
): Promise<{ document: TicketDocument; paper: PaperWidth }> {
  const { ticket } = props;
  const hall = await requireHall(deps, ticket.hallId);
  const service = await requireService(deps, ticket.serviceId, hall.id);
  const layout = await getTicketLayout(deps, hall.id);
  const estimate = await (await loadQueueView(deps, hall.id)).estimate(ticket);
  return {
    paper: layout.paper,
    document: {
      hallName: hall.name,
      logoText: layout.logoText,
      number: ticket.number,
      serviceName: service.name,
      domain: service.domain,
      goTo: goToText(ticket, service),
      ahead: estimate.ahead,
      estimatedMinutes: estimate.minutes,
      issuedAt: formatIssuedAt(ticket.issuedAt, hall),
      qrUrl: statusPageUrl(props.baseUrl, ticket),
      priorityText: priorityText(ticket),
      notice: layout.notice,
      copy: props.copy,
    },
  };
}
