import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';
import { boardT, type BoardT } from './board-context.js';

export type VoiceMode = 'speech' | 'hub-audio' | 'chime' | 'quiet';

const VOICE_KEY = {
  speech: 'voiceSpeech',
  'hub-audio': 'voiceHub',
  chime: 'voiceChime',
  quiet: 'voiceQuiet',
} as const;

/**
 * Hall name, date and time in the hall's time zone, which voice is in use,
 * and the offline mark: small, in a corner, so a board without the hub still
 * reads as a board.
 */
@customElement('board-header')
export class BoardHeader extends LitElement {
  @property() hallName = '';
  @property() timeZone = 'Asia/Shanghai';
  @property() language: 'zh' | 'en' = 'zh';
  @property({ type: Number }) now = Date.now();
  @property() voice: VoiceMode | null = null;
  @property({ type: Boolean, reflect: true }) offline = false;
  /** The one-line strip shows only the clock and the marks. */
  @property({ type: Boolean, reflect: true }) compact = false;
  @consume({ context: boardT, subscribe: true }) t!: BoardT;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: var(--space-5);
        color: inherit;
        white-space: nowrap;
      }
      h1 {
        margin: 0;
        font-size: var(--board-title-size, var(--font-size-title));
        flex-shrink: 0;
      }
      .spacer {
        flex: 1;
      }
      :host([compact]) h1,
      :host([compact]) .date,
      :host([compact]) .spacer {
        display: none;
      }
      .time {
        font-size: var(--board-clock-size, var(--font-size-title));
        font-family: var(--font-family-number);
        font-weight: 700;
      }
      .date {
        font-size: var(--board-date-size, var(--font-size-large));
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
      }
      .voice,
      .offline {
        font-size: var(--font-size-small);
        padding: var(--space-1) var(--space-3);
        border-radius: var(--radius-small);
        border: 1px solid currentColor;
        opacity: 0.8;
      }
      .offline {
        color: var(--board-offline, var(--color-board-number));
        opacity: 1;
      }
    `,
  ];

  override render() {
    const locale = this.language === 'en' ? 'en-GB' : 'zh-CN';
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: this.timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'long',
    }).format(this.now);
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(this.now);
    return html`
      <h1>${this.hallName}</h1>
      <span class="spacer"></span>
      ${this.offline ? html`<span class="offline" role="status">${this.t('offline')}</span>` : ''}
      ${this.voice ? html`<span class="voice" data-voice=${this.voice}>${this.t(VOICE_KEY[this.voice])}</span>` : ''}
      <span class="date">${date}</span>
      <span class="time">${time}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-header': BoardHeader;
  }
}
