import { provide } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CallOut, PublicWindow } from '@hall-queue/server/protocol';
import { ClockController } from '@hall-queue/ui-shared/clock-controller.js';
import { translator, type Lang } from '@hall-queue/ui-shared/i18n.js';
import { setTheme } from '@hall-queue/ui-shared/tokens.js';
import { WebAudioChime } from '../shared/chime.js';
import { HubConnectionController } from '../shared/hub-connection.js';
import { isQuiet } from '../shared/quiet-hours.js';
import { ChimeOnly, chooseEngine } from '../shared/speech-engines.js';
import { VoiceQueue } from '../shared/voice-queue.js';
import './board-areas.js';
import './board-calls.js';
import { BoardConfigController } from './board-config-controller.js';
import type { BoardArea, BoardConfig, BoardLayout, BoardSource, BoardTheme } from './board-config.js';
import { boardT, type BoardT } from './board-context.js';
import './board-header.js';
import type { VoiceMode } from './board-header.js';
import './board-notice.js';
import './board-recent.js';
import { boardStyles } from './board-styles.js';
import './board-strip.js';
import { MESSAGES } from './messages.js';
import { refusalText } from '@hall-queue/ui-shared/refusals.js';

/**
 * The lobby board: its configuration from the hub, the live state of the
 * hall, and the voice. Which windows and areas it shows, its layout and
 * theme come from the configuration and change while it runs.
 */
@customElement('hall-board')
export class HallBoard extends LitElement {
  @property({ attribute: false }) source: BoardSource | null = null;
  @property() language: Lang = 'zh';
  @property({ reflect: true }) layout: BoardLayout = 'landscape';
  @property({ reflect: true }) theme: BoardTheme = 'default';
  /** `live` once the first snapshot is in and no gap is open; screens and tests can wait for it. */
  @property({ reflect: true }) status: 'connecting' | 'live' | 'offline' = 'connecting';
  /** Seconds without the hub before the offline mark shows. */
  @property({ type: Number, attribute: 'offline-after' }) offlineAfter = 10;
  @provide({ context: boardT }) t: BoardT = translator(MESSAGES, 'zh');
  /** Calls made while the board was away, shown until the next call made while it is here. */
  @state() private missed: CallOut[] = [];

  static override styles = boardStyles;

  private readonly clock = new ClockController(this);
  private configCtl: BoardConfigController | null = null;
  private hub: HubConnectionController | null = null;
  private readonly chime = window.hallChime ?? new WebAudioChime();
  private readonly voice = new VoiceQueue(
    new ChimeOnly(),
    this.chime,
    () => {
      const v = this.configCtl?.config?.voice;
      return {
        repeat: v?.repeat ?? 2,
        volume: v?.volume ?? 1,
        chime: v?.chime ?? true,
        quiet: this.quiet(),
        style: {
          ...(v?.template !== undefined ? { template: v.template } : {}),
          ...(v?.numberReading !== undefined ? { numberReading: v.numberReading } : {}),
        },
      };
    },
    () => this.requestUpdate(),
  );
  private hubAudio: boolean | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.source && !this.configCtl) {
      this.configCtl = new BoardConfigController(this, this.source, (c) => this.configured(c));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.voice.stop();
    // An audio context holds an audio device; a new one is made at the next chime.
    if (this.chime instanceof WebAudioChime) this.chime.close();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('language')) this.t = translator(MESSAGES, this.language);
    this.status = this.hub?.offline
      ? 'offline'
      : this.hub?.connected && this.hub.sync.inSync
        ? 'live'
        : 'connecting';
  }

  private configured(config: BoardConfig): void {
    this.layout = config.display.layout;
    this.theme = config.display.theme;
    setTheme(config.display.theme);
    const missedCallMs = (config.voice.missedCallSeconds ?? 60) * 1_000;
    if (!this.hub) {
      this.hub = new HubConnectionController(this, {
        hallId: config.hall.id,
        offlineAfterMs: this.offlineAfter * 1_000,
        missedCallMs,
        onAnnounce: (calls) => this.announce(calls),
        onMissed: (calls) => (this.missed = calls.filter((c) => this.shows(c.window.number))),
        onConfigChanged: () => void this.configCtl?.reload(),
      });
    } else this.hub.sync.setMissedCallMs(missedCallMs);
    if (this.hubAudio !== config.voice.hubAudio) {
      this.hubAudio = config.voice.hubAudio;
      void chooseEngine({ hubAudio: config.voice.hubAudio, hallId: config.hall.id }).then((e) =>
        this.voice.setEngine(e),
      );
    }
  }

  private announce(calls: CallOut[]): void {
    // A call made while the board is here: the list of what it missed has served its purpose.
    if (calls.some((c) => !this.missed.some((m) => m.callId === c.callId))) this.missed = [];
    for (const call of calls) {
      if (this.shows(call.window.number))
        this.voice.enqueue({ callId: call.callId, voiceText: call.voiceText });
    }
  }

  private shows(windowNumber: number): boolean {
    const only = this.configCtl?.config?.display.windows ?? [];
    return only.length === 0 || only.includes(windowNumber);
  }

  private quiet(): boolean {
    const c = this.configCtl?.config;
    return c ? isQuiet(Date.now(), c.hall.timeZone, c.voice.quietHours) : false;
  }

  private voiceMode(): VoiceMode {
    return this.quiet() ? 'quiet' : this.voice.kind;
  }

  override render() {
    if (!this.source) return html`<p class="message">${this.t('noSource')}</p>`;
    const config = this.configCtl?.config;
    if (!config) {
      const err = this.configCtl?.error;
      return html`<p class="message">
        ${err && err.status !== 0 ? this.t('badSource', { detail: refusalText(err, this.language) }) : this.t('connecting')}
      </p>`;
    }
    const state = this.hub?.state ?? null;
    const windows = (state?.windows ?? []).filter(
      (w: PublicWindow) => this.shows(w.number) && (w.state !== 'closed' || w.current !== null),
    );
    const calls = (state?.recentCalls ?? []).filter((c) => this.shows(c.window.number));
    const header = html`<board-header
      .hallName=${state?.hall.name ?? config.hall.name}
      .timeZone=${config.hall.timeZone}
      .language=${this.language}
      .now=${this.clock.now}
      .voice=${this.voiceMode()}
      ?offline=${this.hub?.offline ?? false}
      ?compact=${this.layout === 'strip'}
    ></board-header>`;
    if (this.layout === 'strip') return html`<board-strip .calls=${calls}></board-strip>${header}`;
    return html`
      ${header}
      <board-calls .windows=${windows} .latest=${calls[0] ?? null} .language=${this.language}></board-calls>
      <board-recent
        .calls=${calls}
        .missed=${this.missed}
        .limit=${this.layout === 'portrait' ? 3 : 4}
      ></board-recent>
      <board-areas .areas=${this.areas(config.areas)}></board-areas>
      <board-notice .text=${config.notice} ?hidden=${config.notice === ''}></board-notice>
    `;
  }

  /** Live counts from the feed over the counts of the last configuration fetch. */
  private areas(areas: BoardArea[]): BoardArea[] {
    const live = this.hub?.state?.counts.byDomain;
    return live ? areas.map((a) => ({ ...a, waiting: live[a.domain] ?? a.waiting })) : areas;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hall-board': HallBoard;
  }
}
