import type { Request, Response } from 'express';
import type { AppDeps } from '../app/index.js';
import type { Hall, Service, ServiceWindow, Ticket } from '../domain/index.js';

/**
 * A plain status page at `/`: each hall's windows and queues, readable
 * without JavaScript, with links to each hall's screens (kiosk, lobby
 * board) and the consoles.
 */

const KIND_LABEL: Record<ServiceWindow['kind'], string> = {
  comprehensive: '无差别综合窗口',
  domain: '分领域综合窗口',
  assisted: '帮办代办窗口',
  cross_region: '跨省通办窗口',
  cannot_handle: '办不成事反映窗口',
  green_channel: '绿色通道',
};

const STATE_LABEL: Record<ServiceWindow['state'], string> = {
  open: '受理中',
  paused: '暂停',
  closed: '关闭',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function windowRows(windows: ServiceWindow[], active: Map<string, Ticket>): string {
  return windows
    .sort((a, b) => a.number - b.number)
    .map((w) => {
      const t = w.currentTicketId ? active.get(w.currentTicketId) : undefined;
      const reason = w.pauseReason ? `（${escapeHtml(w.pauseReason)}）` : '';
      return `<tr><td>${w.number}</td><td>${escapeHtml(w.name)}</td><td>${KIND_LABEL[w.kind]}</td><td>${STATE_LABEL[w.state]}${reason}</td><td>${t ? escapeHtml(t.number) : '—'}</td></tr>`;
    })
    .join('');
}

function queueRows(services: Service[], waiting: Map<string, number>): string {
  const byDomain = new Map<string, Service[]>();
  for (const s of services) byDomain.set(s.domain, [...(byDomain.get(s.domain) ?? []), s]);
  return [...byDomain]
    .map(([domain, list]) => {
      const total = list.reduce((n, s) => n + (waiting.get(s.id) ?? 0), 0);
      const detail = list.map((s) => `${escapeHtml(s.name)} ${waiting.get(s.id) ?? 0}`).join('，');
      return `<tr><td>${escapeHtml(domain)}</td><td>${total}</td><td>${detail}</td></tr>`;
    })
    .join('');
}

async function hallSection(deps: AppDeps, hall: Hall): Promise<string> {
  const [services, snapshot] = await Promise.all([
    deps.store.listServices(hall.id),
    deps.store.hallSnapshot(hall.id, 0),
  ]);
  const waiting = new Map<string, number>();
  for (const t of snapshot.waiting) waiting.set(t.serviceId, (waiting.get(t.serviceId) ?? 0) + 1);
  const active = new Map(snapshot.activeTickets.map((t) => [t.id, t]));
  const id = encodeURIComponent(hall.id);
  return `<section><h2>${escapeHtml(hall.name)}</h2>
<p>等候人数 ${snapshot.waiting.length} · 大厅编号 <code>${escapeHtml(hall.id)}</code></p>
<nav aria-label="${escapeHtml(hall.name)} 的屏幕"><ul class="screens">
<li><a href="/kiosk/${id}">取号机</a></li>
<li><a href="/signage/${id}">大厅叫号屏</a></li>
<li><a href="/console/">窗口工作台</a></li>
<li><a href="/admin/">管理后台</a></li>
<li><a href="/api/v1/halls/${id}/kiosk-menu">取号菜单 (JSON)</a></li>
</ul></nav>
<h3>窗口</h3><table><thead><tr><th>号</th><th>名称</th><th>类型</th><th>状态</th><th>当前号</th></tr></thead><tbody>${windowRows(snapshot.windows, active)}</tbody></table>
<h3>排队</h3><table><thead><tr><th>领域</th><th>等候</th><th>事项</th></tr></thead><tbody>${queueRows(services, waiting)}</tbody></table></section>`;
}

export function statusPage(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const halls = await deps.store.listHalls();
    const sections = await Promise.all(halls.map((h) => hallSection(deps, h)));
    res.type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>大厅排队状态</title>
<style>body{font:18px/1.5 system-ui,"WenQuanYi Zen Hei",sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #bbb;padding:.3rem .8rem;text-align:left}
th{background:#eef2f7}.screens{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}</style></head><body>
<h1>大厅排队状态</h1>
<p><a href="/">刷新</a> · <a href="/api/v1/openapi.json">API</a> · <a href="/healthz">healthz</a> · <a href="/readyz">readyz</a> · <a href="/metrics">metrics</a></p>
${sections.join('\n') || '<p>还没有大厅。管理员可通过 API 创建。</p>'}
</body></html>`);
  };
}
