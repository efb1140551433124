import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { field } from './admin-styles.js';
import type { T } from './messages.js';
import { errorText, fieldErrors } from './session.js';

/**
 * The two things every page of the console does with the hub: read what it
 * shows (`PageLoad`) and send a change from a form or a row's button
 * (`FormSubmit`). Each keeps its state, words a refusal with the shared
 * catalogue, asks the page to redraw and draws its own part, so a page only
 * says what to read and what to send.
 */

/**
 * Reads the page's data when the page is put on screen, and again on
 * `reload()`. Until the first answer the page shows "loading"; a failed read
 * shows why with a button to try again. A later read that fails keeps what
 * was shown and says why above it. Only the latest read counts: an older
 * answer arriving late changes nothing.
 */
export class PageLoad implements ReactiveController {
  /** A read has succeeded: the page has something to show. */
  loaded = false;
  /** A read is under way. */
  loading = false;
  /** Why the last read failed, in the page's language; empty when it did not. */
  error = '';
  private latest = 0;

  /** `read` puts what it reads into the page's own state; it runs after the page has its context. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly read: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.reload();
  }

  hostDisconnected(): void {
    // An answer arriving after the page left is not shown.
    this.latest += 1;
  }

  /** Reads again; true when this read is the latest and it succeeded. */
  async reload(): Promise<boolean> {
    const n = ++this.latest;
    this.loading = true;
    this.host.requestUpdate();
    try {
      await this.read();
      if (n !== this.latest) return false;
      this.loaded = true;
      this.error = '';
      return true;
    } catch (err) {
      if (n === this.latest) this.error = errorText(err);
      return false;
    } finally {
      if (n === this.latest) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** "Loading" before the first answer, the failure with its retry button, or nothing. */
  render(t: T): TemplateResult | typeof nothing {
    if (this.error) {
      return html`<div class="row" data-load-failed>
        <p class="error" role="alert">${this.error}</p>
        <button type="button" ?disabled=${this.loading} @click=${() => void this.reload()}>
          ${t('retry')}
        </button>
      </div>`;
    }
    if (!this.loaded) return html`<p class="muted" role="status" data-loading>${t('loading')}</p>`;
    return nothing;
  }
}

export interface SubmitOptions {
  /** Which of the page's forms this is, when it has several: its answer shows in that form only. */
  part?: string;
  /** Put before the refusal's words, e.g. 无法删除：. */
  prefix?: string;
  /** Shown when the hub accepts, e.g. 已保存. */
  done?: string;
}

/**
 * Sends a change and keeps the hub's answer for the form: the refusal's
 * words (`[data-refused]`, at the top of the form), each field's problem
 * under that field (`[data-field] .field-error`, with `aria-invalid` on its
 * control), and a short "saved" when it went through. A new attempt clears
 * the previous answer; while one is under way `busy` is set.
 */
export class FormSubmit implements ReactiveController {
  /** Field problems of the last refusal, by field path (`name`, `services.3.code`). */
  errors: Record<string, string> = {};
  /** The last refusal's words; empty when the last attempt went through. */
  refusal = '';
  /** What the hub's acceptance is shown as; empty until then. */
  doneText = '';
  /** The form the last answer belongs to. */
  part = '';
  busy = false;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot?: ParentNode }) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.host.renderRoot) markInvalidFields(this.host.renderRoot);
  }

  /** Forgets the last answer (a form closed, another row chosen). */
  clear(): void {
    this.errors = {};
    this.refusal = '';
    this.doneText = '';
    this.part = '';
    this.host.requestUpdate();
  }

  /** Runs `send`; true when the hub accepted it. A refusal is kept for the form, never thrown. */
  async run(send: () => Promise<unknown>, options: SubmitOptions = {}): Promise<boolean> {
    this.errors = {};
    this.refusal = '';
    this.doneText = '';
    this.part = options.part ?? '';
    this.busy = true;
    this.host.requestUpdate();
    try {
      await send();
      this.doneText = options.done ?? '';
      return true;
    } catch (err) {
      this.fail(err, options);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Shows a refusal that came another way (a preview the hub refused, a file that could not be read). */
  fail(err: unknown, options: SubmitOptions = {}): void {
    this.errors = fieldErrors(err);
    this.refusal = `${options.prefix ?? ''}${errorText(err)}`;
    this.part = options.part ?? '';
    this.host.requestUpdate();
  }

  /** The refusal, for the top of the form `part` (or the page's only form). */
  refused(part = ''): TemplateResult | typeof nothing {
    return this.refusal && this.part === part
      ? html`<p class="error" role="alert" data-refused>${this.refusal}</p>`
      : nothing;
  }

  /** "Saved", beside the submit button of the form `part`. */
  done(part = ''): TemplateResult | typeof nothing {
    return this.doneText && this.part === part
      ? html`<span class="ok" role="status">${this.doneText}</span>`
      : nothing;
  }

  /** The field problems, for the form `part` only. */
  errorsOf(part = ''): Record<string, string> {
    return this.part === part ? this.errors : {};
  }

  /** A labelled control with the problem of the form `part` for it underneath. */
  field(label: string, name: string, control: TemplateResult, part = ''): TemplateResult {
    return field(label, name, control, this.errorsOf(part));
  }
}

/**
 * `aria-invalid` on the control of every field that shows a problem
 * (`[data-field]` holding a `.field-error`), and off again once it is gone,
 * so a screen reader says which fields to fix.
 */
export function markInvalidFields(root: ParentNode): void {
  root.querySelectorAll('[data-field]').forEach((f) => {
    const invalid = f.querySelector('.field-error') !== null;
    f.querySelectorAll('input, select, textarea').forEach((c) => {
      if (invalid) c.setAttribute('aria-invalid', 'true');
      else c.removeAttribute('aria-invalid');
    });
  });
}
