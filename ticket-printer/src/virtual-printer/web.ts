import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobSvg } from './job-svg.js';
import type { VirtualPrinter, VirtualJob } from './virtual-printer.js';

/**
 * A small page to see what the virtual printer printed: every job as text
 * and as a picture of the paper, newest first, plus switches for paper out and
 * cover open to try the failure paths.
 *
 * GET /            the page            GET /jobs.json   every job as JSON
 * GET /jobs/:id.svg  picture          GET /jobs/:id.txt  text    GET /jobs/:id.bin  raw bytes
 * POST /state?paperOut=1&coverOpen=0&paperNearEnd=0&online=1
 *
 * The page shows printed tickets (their QR codes are citizens' status links)
 * and switches the printer's state, so it listens on loopback only, and a
 * state change is taken only from this page itself: a request another site's
 * page makes the browser send (its Origin is that site) is refused.
 */

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function page(printer: VirtualPrinter): string {
  const s = printer.state;
  const jobs = [...printer.jobs].reverse();
  const flag = (name: keyof typeof s, label: string) =>
    `<form method="post" action="/state?${name}=${s[name] ? 0 : 1}"><button>${label}: ${s[name] ? '是' : '否'}</button></form>`;
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>虚拟打印机</title>
<meta http-equiv="refresh" content="5">
<style>body{font-family:"WenQuanYi Zen Hei",sans-serif;margin:24px;background:#eee}.job{display:inline-block;vertical-align:top;margin:8px;background:#fff;padding:8px}
pre{font-size:14px;max-width:420px;white-space:pre-wrap}form{display:inline}button{font-size:16px;margin:4px}img{width:288px;border:1px solid #ccc}</style>
<h1>虚拟打印机 · Virtual printer</h1>
<p>${flag('paperOut', '缺纸 paper out')} ${flag('coverOpen', '开盖 cover open')} ${flag('paperNearEnd', '纸将尽 near end')}</p>
<p>${jobs.length} 张 · <a href="/jobs.json">jobs.json</a></p>
${jobs
  .map(
    (
      j,
    ) => `<div class="job" data-job="${j.id}"><b>#${j.id}</b> ${new Date(j.receivedAt).toLocaleTimeString('zh-CN')}
<a href="/jobs/${j.id}.txt">txt</a> <a href="/jobs/${j.id}.bin">bin</a><br><img src="/jobs/${j.id}.svg" alt="job ${j.id}"><pre>${esc(j.text)}</pre></div>`,
  )
  .join('\n')}
</html>`;
}

const summary = (j: VirtualJob) => ({
  id: j.id,
  receivedAt: j.receivedAt,
  text: j.text,
  qr: j.qr,
  cuts: j.cuts,
  chineseMode: j.chineseMode,
});

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** A form of this page sends its own origin (or none, from a script or curl); anything else is another site. */
function fromThisPage(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined)
    return req.headers['sec-fetch-site'] === undefined || req.headers['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function handle(printer: VirtualPrinter, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, type: string, body: string | Uint8Array) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (req.method === 'POST' && url.pathname === '/state') {
    if (!fromThisPage(req)) return send(403, 'text/plain', 'state changes come from this page only');
    const patch: Record<string, boolean> = {};
    for (const key of ['paperOut', 'coverOpen', 'paperNearEnd', 'online'] as const) {
      const v = url.searchParams.get(key);
      if (v !== null) patch[key] = v === '1' || v === 'true';
    }
    printer.setState(patch);
    res.writeHead(303, { location: '/' });
    res.end();
    return;
  }
  if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
  if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', page(printer));
  if (url.pathname === '/jobs.json')
    return send(200, 'application/json', JSON.stringify(printer.jobs.map(summary)));
  const m = /^\/jobs\/(\d+)\.(svg|txt|bin)$/.exec(url.pathname);
  const job = m ? printer.jobs.find((j) => j.id === Number(m[1])) : undefined;
  if (!m || !job) return send(404, 'text/plain', 'not found');
  if (m[2] === 'svg') return send(200, 'image/svg+xml; charset=utf-8', jobSvg(job));
  if (m[2] === 'txt') return send(200, 'text/plain; charset=utf-8', job.text);
  return send(200, 'application/octet-stream', job.bytes);
}

export async function startVirtualPrinterWeb(
  printer: VirtualPrinter,
  port: number,
  host = '127.0.0.1',
): Promise<{ server: Server; url: string }> {
  if (!LOOPBACK.has(host))
    throw new Error(`The virtual printer's page listens on loopback only (127.0.0.1 or ::1), not ${host}.`);
  const server = createServer((req, res) => handle(printer, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const a = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${a.port}/` };
}
