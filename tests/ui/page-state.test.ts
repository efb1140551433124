import { describe, expect, it } from 'vitest';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../../ui-shared/src/api.js';
import { FormSubmit, PageLoad } from '../../admin-ui/src/admin/page-state.js';
import { makeT } from '../../admin-ui/src/admin/messages.js';

/**
 * The console pages' shared reading and sending (admin-ui/src/admin/page-state.ts),
 * driven as a page drives them: added to a host, connected, asked to redraw.
 */

class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(c: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(c), 1);
  }
  requestUpdate(): void {
    this.updates += 1;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

/** A promise the test settles when it chooses. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** The text of a rendered template, values filled in (enough to read what a page would show). */
function text(t: unknown): string {
  // Attribute values (a handler, a flag) are not shown text.
  if (t === null || t === undefined || ['symbol', 'function', 'boolean'].includes(typeof t)) return '';
  if (typeof t !== 'object') return String(t);
  const r = t as { strings?: readonly string[]; values?: unknown[] };
  if (!r.strings) return '';
  return r.strings
    .map((s, i) => s + (i < (r.values?.length ?? 0) ? text(r.values?.[i]) : ''))
    .join('')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const t = makeT('zh');

describe('PageLoad', () => {
  it('reads when the page connects, shows loading until the answer, then nothing', async () => {
    const host = new Host();
    const answer = deferred();
    let reads = 0;
    const load = new PageLoad(host, () => ((reads += 1), answer.promise));
    expect(reads).toBe(0);
    host.connect();
    expect(reads).toBe(1);
    expect(load.loading).toBe(true);
    expect(text(load.render(t))).toBe('加载中……');
    answer.resolve();
    await flush();
    expect(load.loaded).toBe(true);
    expect(load.loading).toBe(false);
    expect(text(load.render(t))).toBe('');
    expect(host.updates).toBeGreaterThanOrEqual(2);
  });

  it('words a failed read from the shared catalogue, offers a retry, and the retry reads again', async () => {
    const host = new Host();
    let fail = true;
    let reads = 0;
    const load = new PageLoad(host, () => {
      reads += 1;
      return fail
        ? Promise.reject(new ApiError(503, 'not_ready', 'The hub is starting.'))
        : Promise.resolve();
    });
    host.connect();
    await flush();
    expect(load.loaded).toBe(false);
    expect(load.error).toBe('叫号系统尚未就绪，请稍后再试');
    expect(text(load.render(t))).toBe('叫号系统尚未就绪，请稍后再试 重试');
    fail = false;
    expect(await load.reload()).toBe(true);
    expect(reads).toBe(2);
    expect(load.error).toBe('');
    expect(text(load.render(t))).toBe('');
  });

  it('keeps what was shown when a later read fails, and says why', async () => {
    const host = new Host();
    let fail = false;
    const load = new PageLoad(host, () =>
      fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(),
    );
    host.connect();
    await flush();
    fail = true;
    expect(await load.reload()).toBe(false);
    expect(load.loaded).toBe(true);
    expect(load.error).toBe('无法连接叫号系统，请检查网络');
  });

  it('lets only the latest read count: an older answer arriving late changes nothing', async () => {
    const host = new Host();
    const first = deferred();
    const second = deferred();
    const answers = [first, second];
    let shown = '';
    let n = 0;
    const load = new PageLoad(host, async () => {
      const mine = ++n;
      await answers[mine - 1]!.promise;
      shown = `read ${mine}`;
    });
    host.connect();
    const later = load.reload();
    second.resolve();
    expect(await later).toBe(true);
    expect(shown).toBe('read 2');
    first.reject(new ApiError(500, 'internal', 'boom'));
    await flush();
    // The first read failed after the second succeeded: no error is shown for it.
    expect(load.error).toBe('');
    expect(load.loading).toBe(false);
  });

  it('shows nothing of a read that ends after the page left', async () => {
    const host = new Host();
    const answer = deferred();
    const load = new PageLoad(host, () => answer.promise);
    host.connect();
    host.disconnect();
    answer.reject(new ApiError(500, 'internal', 'boom'));
    await flush();
    expect(load.error).toBe('');
  });
});

describe('FormSubmit', () => {
  it('keeps a refusal with its field problems in Chinese, marks busy meanwhile, and never throws', async () => {
    const host = new Host();
    const form = new FormSubmit(host);
    const answer = deferred();
    const run = form.run(() => answer.promise, { done: '已保存' });
    expect(form.busy).toBe(true);
    answer.reject(
      new ApiError(400, 'validation_failed', 'Invalid request.', [
        { in: 'window', path: 'window.number', code: 'too_small', params: { minimum: 1, origin: 'number' } },
      ]),
    );
    expect(await run).toBe(false);
    expect(form.busy).toBe(false);
    expect(form.refusal).toBe('填写的内容有误，请检查后重试');
    expect(form.errors).toMatchObject({ number: '不能小于 1' });
    expect(text(form.refused())).toBe('填写的内容有误，请检查后重试');
    expect(text(form.done())).toBe('');
    expect(text(form.field('窗口号', 'number', html`<input name="number" />`))).toBe('窗口号不能小于 1');
  });

  it('clears the last refusal when sent again, and says "saved" when the hub accepts', async () => {
    const host = new Host();
    const form = new FormSubmit(host);
    await form.run(() => Promise.reject(new ApiError(409, 'conflict', 'Taken.', [], { field: 'username' })));
    expect(form.refusal).toBe('用户名已被使用');
    let sent = 0;
    expect(await form.run(async () => void (sent += 1), { done: '已保存' })).toBe(true);
    expect(sent).toBe(1);
    expect(form.refusal).toBe('');
    expect(form.errors).toEqual({});
    expect(text(form.done())).toBe('已保存');
  });

  it('puts the prefix before the refusal, and shows an answer only in its own form', async () => {
    const host = new Host();
    const form = new FormSubmit(host);
    await form.run(() => Promise.reject(new ApiError(409, 'conflict', 'In use.', [], { tickets: 1 })), {
      part: 'delete',
      prefix: '无法删除：',
    });
    expect(text(form.refused('delete'))).toBe('无法删除：仍有 1 张号票在使用，请先处理');
    expect(text(form.refused())).toBe('');
    expect(text(form.refused('hall'))).toBe('');
    form.clear();
    expect(text(form.refused('delete'))).toBe('');
  });

  it('gives field problems to their own form only', async () => {
    const host = new Host();
    const form = new FormSubmit(host);
    await form.run(
      () =>
        Promise.reject(
          new ApiError(400, 'validation_failed', 'Invalid request.', [{ path: 'note', code: 'required' }]),
        ),
      { part: 'contact' },
    );
    expect(form.errorsOf('contact')).toEqual({ note: '必填' });
    expect(form.errorsOf('decide-appeal')).toEqual({});
  });
});
