import { css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { RatingForm } from '../shared/rating-form.js';

/**
 * The rating on the citizen's phone: the shared rating form with the levels
 * one under the other and large touch targets for a thumb.
 */
@customElement('phone-rating')
export class PhoneRating extends RatingForm {
  static override styles = [
    RatingForm.styles,
    css`
      :host {
        --rating-gap: var(--space-2);
        --rating-level-columns: 1;
        --rating-reason-columns: 2;
        --rating-button-size: var(--phone-button-font, var(--font-size-body));
        --rating-button-height: var(--phone-button-height, 56px);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-rating': PhoneRating;
  }
}
