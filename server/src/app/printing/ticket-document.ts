import type { PaperWidth, TicketDocument } from '../../domain/ticket-document.js';
import {
  matchesFilter,
  windowFilters,
  type Hall,
  type PriorityCategory,
  type RoutingContext,
  type Service,
  type Ticket,
  type WindowKind,
} from '../../domain/index.js';
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

/** Window kinds in the order a ticket names them: the special ones first. */
const KIND_ORDER: readonly WindowKind[] = [
  'green_channel',
  'assisted',
  'cross_region',
  'cannot_handle',
  'comprehensive',
  'domain',
];

const kindName = (kind: WindowKind, service: Service): string =>
  ({
    green_channel: '绿色通道',
    assisted: '帮办代办窗口',
    cross_region: '跨省通办窗口',
    cannot_handle: '办不成事反映窗口',
    comprehensive: '综合受理窗口',
    domain: `${service.domain}窗口`,
  })[kind];

/**
 * Where the citizen waits: the kinds of window that can call this ticket
 * now, by the same routing the queue uses (DESIGN.md §4), so a closed help
 * desk or 跨省通办 window is not named while its tickets go to comprehensive
 * windows. Windows that would take it only as overflow are named only when
 * no window takes it as its own.
 */
export function goToText(ticket: Ticket, service: Service, ctx: RoutingContext): string {
  const open = ctx.windows.filter((w) => w.state !== 'closed');
  const own = open.filter((w) => matchesFilter(windowFilters(w, ctx)[0]!, ticket));
  const callers =
    own.length > 0 ? own : open.filter((w) => windowFilters(w, ctx).some((f) => matchesFilter(f, ticket)));
  const kinds = KIND_ORDER.filter((k) => callers.some((w) => w.kind === k));
  if (kinds.length === 0) return '请在大厅等候叫号';
  const places = kinds.map((k) => kindName(k, service)).join('或');
  return kinds.includes('assisted') ? `请到${places}等候，工作人员将协助您` : `请到${places}等候叫号`;
}

/**
 * Priority and assistance, each in its own words: only a priority category
 * is 优先 (it moves the ticket ahead); asking for help is 帮办 and does not.
 */
export function priorityText(ticket: Pick<Ticket, 'categories' | 'assistance'>): string {
  const parts: string[] = [];
  if (ticket.categories.length > 0)
    parts.push(`优先 · ${ticket.categories.map((c) => CATEGORY_ZH[c]).join('、')}`);
  if (ticket.assistance) parts.push('帮办代办');
  return parts.join('  ');
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
  const view = await loadQueueView(deps, hall.id);
  const estimate = await view.estimate(ticket);
  return {
    paper: layout.paper,
    document: {
      hallName: hall.name,
      logoText: layout.logoText,
      number: ticket.number,
      serviceName: service.name,
      domain: service.domain,
      goTo: goToText(ticket, service, view.ctx),
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
