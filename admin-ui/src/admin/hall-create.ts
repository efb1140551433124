import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '@hall-queue/ui-shared/fire-event.js';
import { pageStyles } from './admin-styles.js';
import type { MessageKey, T } from './messages.js';
import { STANDARD_WEEK, weeklyFields, weeklyFromForm } from './opening-hours.js';
import { FormSubmit } from './page-state.js';
import type { HallSummary, Session } from './session.js';

declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'hall-created': { hall: HallSummary };
  }
}

const LEVELS = ['city', 'county', 'township', 'village'] as const;

/**
 * 新建大厅: name, level (市/县/乡/村), time zone and weekly opening hours.
 * A township install without the demo starts with no hall, so this form is
 * also the first thing its administrator sees after signing in; the shell
 * selects the new hall when it hears `hall-created`. Queue rules start at
 * the hub's defaults and are tuned on the hall page afterwards.
 */
@customElement('hall-create')
export class HallCreate extends LitElement {
  static override styles = pageStyles;

  @property({ attribute: false }) session!: Session;
  @property({ attribute: false }) t!: T;
  /** The console has no hall yet: say so above the form. */
  @property({ type: Boolean }) first = false;
  private readonly form = new FormSubmit(this);

  override render() {
    const t = this.t;
    const f = this.form;
    return html`<form @submit=${this.create} aria-label=${t('createHall')}>
      <h3>${t('createHall')}</h3>
      ${this.first ? html`<p class="muted">${t('noHallYet')}</p>` : nothing} ${f.refused()}
      <div class="fields">
        ${f.field(t('name'), 'name', html`<input name="name" required />`)}
        ${f.field(
          t('hallLevel'),
          'level',
          html`<select name="level">
            ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === 'township'}>${t(`lv_${l}` as MessageKey)}</option>`)}
          </select>`,
        )}
        ${f.field(t('timeZone'), 'timeZone', html`<input name="timeZone" value="Asia/Shanghai" />`)}
      </div>
      <h3>${t('weekly')}</h3>
      <p class="muted">${t('spansHint')}</p>
      ${weeklyFields(t, STANDARD_WEEK, f.errors)}
      <p><button class="primary" type="submit" ?disabled=${f.busy}>${t('createHall')}</button></p>
    </form>`;
  }

  private async create(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const body = {
      name: String(fd.get('name') ?? ''),
      level: String(fd.get('level') ?? 'township'),
      timeZone: String(fd.get('timeZone') ?? ''),
      calendar: { weekly: weeklyFromForm(fd), holidays: [], special: {} },
    };
    // No reset: the shell switches to the new hall, which draws a fresh form.
    await this.form.run(async () => {
      const { hall } = await this.session.call<{ hall: HallSummary }>('/api/v1/halls', { body });
      fireEvent(this, 'hall-created', { hall });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-create': HallCreate;
  }
}
