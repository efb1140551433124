import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';

/**
 * The admin's notice, scrolling from right to left. The speed is per
 * character, so a long notice is as readable as a short one; it stands
 * still for people who asked for reduced motion.
 */
@customElement('board-notice')
export class BoardNotice extends LitElement {
  @property() text = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        overflow: hidden;
        white-space: nowrap;
        font-size: var(--board-notice-size, var(--font-size-large));
        background: var(--board-notice-bg, rgb(0 0 0 / 30%));
        padding: var(--space-2) 0;
        color: inherit;
      }
      :host([hidden]) {
        display: none;
      }
      span {
        display: inline-block;
        padding-inline-start: 100%;
        animation: scroll var(--notice-duration) linear infinite;
      }
      @keyframes scroll {
        to {
          transform: translateX(-100%);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        span {
          animation: none;
          padding-inline-start: var(--space-4);
        }
      }
    `,
  ];

  override render() {
    const seconds = Math.max(12, this.text.length * 0.45);
    return html`<span style="--notice-duration: ${seconds}s">${this.text}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-notice': BoardNotice;
  }
}
