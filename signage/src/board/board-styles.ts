import { css } from 'lit';
import { baseStyles } from '@hall-queue/ui-shared/tokens.js';

/**
 * The board's three layouts and two themes. Every size is a board custom
 * property falling back to a design token, so a hall tunes its screens with
 * CSS variables (`hall-board { --board-number-size: 200px }`) without a
 * rebuild. The elder-friendly theme is black, white and yellow, larger still.
 */
export const boardStyles = [
  baseStyles,
  css`
    :host {
      display: grid;
      box-sizing: border-box;
      width: 100vw;
      height: 100vh;
      overflow: hidden;
      gap: var(--board-gap, var(--space-4));
      padding: var(--board-padding, var(--space-5));
      background: var(--board-bg, var(--color-board-bg));
      color: var(--board-text, var(--color-board-text));
      font-family: var(--font-family);
    }
    :host([layout='landscape']) {
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr) auto auto;
      grid-template-areas:
        'header header'
        'calls recent'
        'areas areas'
        'notice notice';
      --board-calls-columns: 4;
      --board-areas-columns: 5;
    }
    :host([layout='portrait']) {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto auto minmax(0, 1fr) auto auto;
      grid-template-areas: 'header' 'recent' 'calls' 'areas' 'notice';
      --board-calls-columns: 3;
    }
    :host([layout='strip']) {
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'strip header';
      align-items: center;
      padding-block: var(--space-2);
    }
    :host([theme='elder']) {
      --board-bg: #000000;
      --board-text: #ffffff;
      --board-number: #ffea00;
      --board-highlight: #8b0000;
      --board-surface: #1c1c1c;
      --board-offline: #ffea00;
      --board-card-number-size: calc(var(--font-size-huge) * 1.2);
      --board-recent-size: var(--font-size-title);
      /* Larger type: the window label gets a larger share of each card than in the default theme. */
      --board-window-share: 26cqh;
      --board-window-cap: 22cqh;
      --board-name-share: 13cqh;
      --board-card-number-share: 38cqh;
      --board-card-number-cap: 34cqh;
    }
    :host([layout='landscape'][theme='elder']) {
      --board-areas-columns: 4;
    }
    /* A smaller landscape screen (a 1366×768 television) scales the type with its height. */
    :host([layout='landscape']) {
      --board-number-size: min(var(--font-size-giant), 15vh);
      --board-area-size: min(var(--font-size-large), 3.4vh);
      --board-heading-size: min(var(--font-size-large), 3.4vh);
    }
    :host([layout='landscape'][theme='elder']) {
      --board-recent-size: min(var(--font-size-title), 4.8vh);
      /* Room for three recent calls under the latest one. */
      --board-number-size: min(var(--font-size-giant), 12vh);
      --board-latest-padding: var(--space-3);
    }
    board-header {
      grid-area: header;
    }
    board-calls {
      grid-area: calls;
    }
    board-recent {
      grid-area: recent;
      overflow: hidden;
    }
    board-areas {
      grid-area: areas;
      overflow: hidden;
    }
    board-notice {
      grid-area: notice;
      margin: 0 calc(-1 * var(--board-padding, var(--space-5)))
        calc(-1 * var(--board-padding, var(--space-5)));
    }
    board-strip {
      grid-area: strip;
    }
    .message {
      place-self: center;
      font-size: var(--font-size-title);
      grid-column: 1 / -1;
    }
  `,
];
