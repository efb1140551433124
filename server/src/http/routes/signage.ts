import { z } from 'zod';
import {
  BOARD_LAYOUTS,
  BOARD_THEMES,
  boardConfig,
  getDisplayConfig,
  getSignageSettings,
  saveDisplayConfig,
  saveSignageSettings,
} from '../../app/signage/index.js';
import {
  CALL_OUT_TEMPLATE_MAX,
  CALL_OUT_TEXT,
  NUMBER_READINGS,
  templateProblem,
  type SpokenStyle,
} from '../../voice/spoken.js';
import { hubVoice, VoiceError } from '../../voice/espeak.js';
import { actor, principalOf, requireHallAccess } from '../access.js';
import { HttpError } from '../errors.js';
import { SENT, route } from '../route.js';
import { hallDeviceParams, hallParams, id, nonEmpty } from '../schemas/common.js';

/**
 * Lobby signage: what a board shows besides the realtime feed, how the hall
 * voices call-outs, and the hub's fallback audio. Boards read without an
 * account (by hall id, or as a display device with its token); admins write,
 * and every write reaches running boards through `hall:config`.
 */

const TAG = 'Signage';
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');

const voicePatch = z.strictObject({
  repeat: z.number().int().min(1).max(5).optional().describe('times each call-out is spoken'),
  volume: z.number().min(0).max(1).optional(),
  quietHours: z
    .array(z.strictObject({ from: hhmm, to: hhmm }))
    .max(4)
    .optional()
    .describe('hall time; a span may wrap midnight'),
  chime: z.boolean().optional(),
  missedCallSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe('a board back from an absence speaks missed calls at most this old (default 60; 0: none)'),
  template: z
    .string()
    .trim()
    .max(CALL_OUT_TEMPLATE_MAX)
    .superRefine((v, ctx) => {
      const problem = templateProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .describe(
      'the call-out sentence with {号码} (or {number}) and {窗口} (or {window}), e.g. 请{号码}号，到{窗口}号窗口办理',
    ),
  numberReading: z
    .enum(NUMBER_READINGS)
    .optional()
    .describe('ticket numbers read `digits` (A 零 二 三, default) or as a `number` (A 二十三)'),
});

const signagePatch = z.strictObject({
  notice: z.string().trim().max(500).optional().describe('scrolling notice text; empty for none'),
  voice: voicePatch.optional(),
});

const displayPatch = z.strictObject({
  layout: z.enum(BOARD_LAYOUTS).optional(),
  theme: z.enum(BOARD_THEMES).optional(),
  windows: z.array(z.number().int().min(1).max(9999)).max(100).optional().describe('window numbers; [] all'),
  domains: z.array(z.string().trim().min(1).max(50)).max(50).optional().describe('areas; [] all'),
});

const voiceQuery = z.strictObject({
  text: z.string().max(64).regex(CALL_OUT_TEXT, 'a call-out text like 请A023号到3号窗口办理'),
  hall: id.optional().describe("read in this hall's sentence and number reading; default sentence without"),
});

export const signageRoutes = [
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/signage/board',
    tag: TAG,
    summary: "A public lobby board's configuration: notice, voice settings, estimated wait per area",
    auth: 'public',
    rateLimited: true,
    params: hallParams,
    response:
      '`{ hall: { id, name, timeZone }, notice, voice: { repeat, volume, quietHours, chime, missedCallSeconds, template, numberReading, hubAudio }, display: { layout, theme, windows, domains }, deviceId: null, areas: [{ domain, waiting, minutes }], at }`',
    errors: ['not_found'],
    handler: async ({ deps, params, options }) =>
      boardConfig(deps, { hallId: params.hallId, hubAudio: await (options.voice ?? hubVoice).isAvailable() }),
  }),
  route({
    method: 'get',
    path: '/api/v1/signage/board',
    tag: TAG,
    summary: "A display device's board configuration, by its token (`Authorization: Bearer dev_…`)",
    auth: { roles: [], devices: ['display'] },
    response: "as `GET /api/v1/halls/{hallId}/signage/board`, with this device's `display` and `deviceId`",
    errors: [],
    handler: async (ctx) => {
      const p = principalOf(ctx);
      if (p.kind !== 'device') throw new HttpError('forbidden', 'Only a display device has a board.');
      return boardConfig(ctx.deps, {
        hallId: p.device.hallId,
        device: p.device,
        hubAudio: await (ctx.options.voice ?? hubVoice).isAvailable(),
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/signage',
    tag: TAG,
    summary:
      "The hall's signage settings: notice text and voice (repeat, volume, quiet hours, chime, age of missed calls still spoken)",
    auth: { roles: ['admin', 'supervisor'] },
    params: hallParams,
    response: '`{ notice, voice: { repeat, volume, quietHours: [{ from, to }], chime, missedCallSeconds } }`',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return getSignageSettings(ctx.deps, { hallId: ctx.params.hallId });
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId/signage',
    tag: TAG,
    summary: 'Change the notice text or the voice settings; running boards apply it at once',
    auth: { roles: ['admin'] },
    params: hallParams,
    body: nonEmpty(signagePatch),
    example: {
      notice: '请留意叫号，过号请到服务台重新排队。',
      voice: { repeat: 2, quietHours: [{ from: '12:00', to: '13:30' }] },
    },
    response: 'the settings as saved',
    errors: ['not_found'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return saveSignageSettings(ctx.deps, { hallId: ctx.params.hallId, patch: ctx.body, actor: actor(ctx) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/halls/:hallId/devices/:deviceId/board',
    tag: TAG,
    summary: 'What a display device shows: layout, theme, windows and areas',
    auth: { roles: ['admin', 'supervisor'] },
    params: hallDeviceParams,
    response: '`{ layout, theme, windows, domains }`',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return getDisplayConfig(ctx.deps, ctx.params);
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/halls/:hallId/devices/:deviceId/board',
    tag: TAG,
    summary: "Change a display device's layout, theme, windows or areas; the screen applies it at once",
    auth: { roles: ['admin'] },
    params: hallDeviceParams,
    body: nonEmpty(displayPatch),
    example: { layout: 'portrait', theme: 'elder', windows: [1, 2, 3], domains: [] },
    response: '`{ layout, theme, windows, domains }` as saved',
    errors: ['not_found', 'invalid_config'],
    handler: async (ctx) => {
      requireHallAccess(ctx, ctx.params.hallId);
      return saveDisplayConfig(ctx.deps, { ...ctx.params, patch: ctx.body, actor: actor(ctx) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/voice',
    tag: TAG,
    summary: 'A call-out spoken by the hub (espeak-ng), for boards whose browser has no Mandarin voice',
    description:
      "Only call-out texts as the hub makes them are accepted. With `hall`, it is read in that hall's sentence and number reading (signage settings `voice.template`, `voice.numberReading`); without, as 请 A 零 二 三 号，到 三 号窗口办理. The hub uses the espeak-ng program (voice `cmn-latn-pinyin`) when installed, else its WebAssembly build from npm (`VOICE_ENGINE` chooses). Answers 503 `not_ready` only when neither can run (or `VOICE_ENGINE=off`); boards then play the chime alone.",
    auth: 'public',
    rateLimited: true,
    query: voiceQuery,
    response: '`audio/wav`',
    errors: ['not_ready', 'not_found'],
    handler: async ({ deps, query, res, options }) => {
      const style: SpokenStyle = query.hall
        ? (await getSignageSettings(deps, { hallId: query.hall })).voice
        : {};
      try {
        const wav = await (options.voice ?? hubVoice).wav(query.text, style);
        // Short: a hall that changes its sentence hears the new one at the next call-out.
        res.type('audio/wav').set('cache-control', 'public, max-age=60').send(wav);
        return SENT;
      } catch (err) {
        if (err instanceof VoiceError && err.reason === 'busy')
          throw new HttpError('rate_limited', err.message);
        if (err instanceof VoiceError) throw new HttpError('not_ready', err.message);
        throw err;
      }
    },
  }),
];
