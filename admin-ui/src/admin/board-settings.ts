import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { pageStyles } from './admin-styles.js';
import { consoleContext, type ConsoleContext } from './context.js';
import { FormSubmit, PageLoad } from './page-state.js';

/**
 * 大厅屏设置: how call-outs are voiced (hall setting `signage.voice`, PATCH
 * …/signage) and, for each display device, its layout (landscape, portrait,
 * strip), theme (default, elder) and the windows and areas it shows
 * (PATCH …/devices/{id}/board). Running boards follow each save at once.
 */
interface Voice {
  repeat: number;
  volume: number;
  chime: boolean;
  quietHours: { from: string; to: string }[];
}
interface Display {
  layout: 'landscape' | 'portrait' | 'strip';
  theme: 'default' | 'elder';
  windows: number[];
  domains: string[];
}
interface DeviceRow {
  id: string;
  kind: string;
  name: string;
}

const LAYOUTS = ['landscape', 'portrait', 'strip'] as const;
const THEMES = ['default', 'elder'] as const;

/** "1, 3, 5" ⇄ [1, 3, 5]; "社保，医保" ⇄ ['社保', '医保']. */
const list = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

@customElement('board-settings')
export class BoardSettings extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .displays {
        display: grid;
        gap: var(--space-4);
      }
      fieldset {
        border: 1px solid var(--color-border);
        border-radius: var(--radius-medium);
        padding: var(--space-3) var(--space-4);
      }
      legend {
        font-weight: 700;
      }
    `,
  ];

  @consume({ context: consoleContext, subscribe: true })
  @state()
  private ctx!: ConsoleContext;
  @state() private voice: Voice | null = null;
  @state() private displays: (DeviceRow & { board: Display })[] = [];
  private readonly loader = new PageLoad(this, async () => {
    const [sig, devices] = await Promise.all([
      this.ctx.session.call<{ voice: Voice }>(`${this.base}/signage`),
      this.ctx.session.call<{ devices: DeviceRow[] }>(`${this.base}/devices`),
    ]);
    this.voice = sig.voice;
    const displays = devices.devices.filter((d) => d.kind === 'display');
    this.displays = await Promise.all(
      displays.map(async (d) => ({
        ...d,
        board: await this.ctx.session.call<Display>(`${this.base}/devices/${encodeURIComponent(d.id)}/board`),
      })),
    );
  });
  /** The voice form (part `voice`) and one form per display (part: its id). */
  private readonly form = new FormSubmit(this);

  private get base() {
    return `/api/v1/halls/${encodeURIComponent(this.ctx.hall.id)}`;
  }

  override render() {
    const t = this.ctx.t;
    const f = this.form;
    const v = this.voice;
    return html`${this.loader.render(t)}
      ${
        v
          ? html`<form @submit=${this.saveVoice} aria-label=${t('boardVoice')} data-form="voice">
              <h3>${t('boardVoice')}</h3>
              ${f.refused('voice')}
              <div class="fields">
                ${f.field(
                  t('voiceRepeat'),
                  'voice.repeat',
                  html`<input name="repeat" type="number" min="1" max="5" .value=${String(v.repeat)} />`,
                  'voice',
                )}
                ${f.field(
                  t('voiceVolume'),
                  'voice.volume',
                  html`<input
                    name="volume"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    .value=${String(Math.round(v.volume * 100))}
                  />`,
                  'voice',
                )}
                ${f.field(
                  t('voiceChime'),
                  'voice.chime',
                  html`<input name="chime" type="checkbox" .checked=${v.chime} />`,
                  'voice',
                )}
                ${f.field(
                  t('voiceQuiet'),
                  'voice.quietHours',
                  html`<input
                    name="quietHours"
                    placeholder="12:00-13:30"
                    .value=${v.quietHours.map((q) => `${q.from}-${q.to}`).join(', ')}
                  />`,
                  'voice',
                )}
              </div>
              <p class="row">
                <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button
                >${f.done('voice')}
              </p>
            </form>`
          : nothing
      }
      <h3>${t('boardDisplays')}</h3>
      ${this.displays.length === 0 ? html`<p class="muted" data-empty="displays">${t('noDisplays')}</p>` : nothing}
      <div class="displays">
        ${this.displays.map(
          (d) =>
            html`<form @submit=${(ev: Event) => this.saveDisplay(ev, d.id)} data-display=${d.id}>
              <fieldset>
                <legend>${d.name}</legend>
                ${f.refused(d.id)}
                <div class="fields">
                  ${f.field(
                    t('boardLayout'),
                    'layout',
                    html`<select name="layout">
                      ${LAYOUTS.map(
                        (l) =>
                          html`<option value=${l} ?selected=${d.board.layout === l}>
                            ${t(`layout_${l}`)}
                          </option>`,
                      )}
                    </select>`,
                    d.id,
                  )}
                  ${f.field(
                    t('boardTheme'),
                    'theme',
                    html`<select name="theme">
                      ${THEMES.map(
                        (th) =>
                          html`<option value=${th} ?selected=${d.board.theme === th}>
                            ${t(`theme_${th}`)}
                          </option>`,
                      )}
                    </select>`,
                    d.id,
                  )}
                  ${f.field(
                    t('boardWindows'),
                    'windows',
                    html`<input
                      name="windows"
                      placeholder=${t('boardAll')}
                      .value=${d.board.windows.join(', ')}
                    />`,
                    d.id,
                  )}
                  ${f.field(
                    t('boardDomains'),
                    'domains',
                    html`<input
                      name="domains"
                      placeholder=${t('boardAll')}
                      .value=${d.board.domains.join('，')}
                    />`,
                    d.id,
                  )}
                </div>
                <p class="row">
                  <button class="primary" type="submit" ?disabled=${f.busy}>${t('save')}</button
                  >${f.done(d.id)}
                </p>
              </fieldset>
            </form>`,
        )}
      </div>`;
  }

  private async saveVoice(ev: Event) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const quietHours = list(String(fd.get('quietHours') ?? '')).map((span) => {
      const [from = '', to = ''] = span.split('-');
      return { from, to };
    });
    const voice = {
      repeat: Number(fd.get('repeat')),
      volume: Number(fd.get('volume')) / 100,
      chime: fd.get('chime') === 'on',
      quietHours,
    };
    await this.form.run(
      async () => {
        const res = await this.ctx.session.call<{ voice: Voice }>(`${this.base}/signage`, {
          method: 'PATCH',
          body: { voice },
        });
        this.voice = res.voice;
      },
      { part: 'voice', done: this.ctx.t('saved') },
    );
  }

  private async saveDisplay(ev: Event, id: string) {
    ev.preventDefault();
    const fd = new FormData(ev.target as HTMLFormElement);
    const body = {
      layout: String(fd.get('layout')),
      theme: String(fd.get('theme')),
      windows: list(String(fd.get('windows') ?? '')).map(Number),
      domains: list(String(fd.get('domains') ?? '')),
    };
    await this.form.run(
      async () => {
        const board = await this.ctx.session.call<Display>(
          `${this.base}/devices/${encodeURIComponent(id)}/board`,
          { method: 'PATCH', body },
        );
        this.displays = this.displays.map((d) => (d.id === id ? { ...d, board } : d));
      },
      { part: id, done: this.ctx.t('saved') },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-settings': BoardSettings;
  }
}
