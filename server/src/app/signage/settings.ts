import type { Actor } from '../../domain/index.js';
import { audited } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { requireHall } from '../lookups.js';
import { DEFAULT_CALL_OUT_TEMPLATE } from '../../voice/spoken.js';
import type { VoiceSettings } from '../../protocol/http.js';

/**
 * The hall's lobby signage settings (hall setting `signage`): the scrolling
 * notice and how call-outs are voiced. Saving appends `config.changed`
 * (entity `signage`) in the same step, so running boards re-fetch at once.
 */

export const SIGNAGE_SETTING = 'signage';

export type { QuietHours, VoiceSettings } from '../../protocol/http.js';

export interface SignageSettings {
  notice: string;
  voice: VoiceSettings;
}

export interface SignageSettingsPatch {
  notice?: string;
  voice?: Partial<VoiceSettings>;
}

export const DEFAULT_SIGNAGE: SignageSettings = {
  notice: '',
  voice: {
    repeat: 2,
    volume: 1,
    quietHours: [],
    chime: true,
    missedCallSeconds: 60,
    template: DEFAULT_CALL_OUT_TEMPLATE,
    numberReading: 'digits',
  },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What is stored was validated on the way in; defaults fill what an older version did not store. */
function merge(stored: unknown): SignageSettings {
  if (!isRecord(stored)) return structuredClone(DEFAULT_SIGNAGE);
  const voice = isRecord(stored.voice) ? stored.voice : {};
  return {
    notice: typeof stored.notice === 'string' ? stored.notice : DEFAULT_SIGNAGE.notice,
    voice: { ...DEFAULT_SIGNAGE.voice, ...(voice as Partial<VoiceSettings>) },
  };
}

export async function getSignageSettings(deps: AppDeps, props: { hallId: string }): Promise<SignageSettings> {
  const hall = await requireHall(deps, props.hallId);
  return merge(await deps.store.getHallSetting(hall.id, SIGNAGE_SETTING));
}

export async function saveSignageSettings(
  deps: AppDeps,
  props: { hallId: string; patch: SignageSettingsPatch; actor: Actor },
): Promise<SignageSettings> {
  const current = await getSignageSettings(deps, props);
  const next: SignageSettings = {
    notice: props.patch.notice ?? current.notice,
    voice: { ...current.voice, ...props.patch.voice },
  };
  await audited(deps, props.hallId, props.actor, (audit) =>
    deps.store.saveHallSetting(
      props.hallId,
      SIGNAGE_SETTING,
      next,
      deps.now(),
      audit({ entity: 'signage', action: 'updated', fields: Object.keys(props.patch) }),
    ),
  );
  return next;
}
