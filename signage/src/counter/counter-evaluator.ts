import { css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { RatingForm } from '../shared/rating-form.js';

export type { LevelOption, RatingChoice, ReasonOption } from '../shared/rating-form.js';

/**
 * The evaluator at the window (好差评): the shared rating form with five
 * large buttons in a row and a large reason prompt, sized for a counter
 * screen read at arm's length.
 */
@customElement('counter-evaluator')
export class CounterEvaluator extends RatingForm {
  static override styles = [
    RatingForm.styles,
    css`
      :host {
        --rating-level-columns: 5;
        --rating-reason-columns: 3;
        --rating-button-size: var(--font-size-large);
        --rating-button-height: var(--counter-button-height, var(--touch-target));
        --rating-prompt-size: var(--font-size-title);
        --rating-border-width: 3px;
        --rating-comment-height: 64px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-evaluator': CounterEvaluator;
  }
}
