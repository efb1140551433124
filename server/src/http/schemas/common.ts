import { z } from 'zod';
import { CHANNELS, PRIORITY_CATEGORIES, TICKET_STATUSES } from '../../domain/index.js';

/** Building blocks of the route schemas. Limits are generous for real use and small for abuse. */

export const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: 1–64 letters, digits, - or _')
  .describe('id');

export const statusToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, 'a status token')
  .describe('the status token from the ticket (QR code)');

export const ticketNumber = z
  .string()
  .regex(/^[A-Za-z]{1,3}\d{1,6}$/, 'a ticket number like A023')
  .describe('ticket number, e.g. A023');

export const reason = z.string().trim().min(1, 'a reason is required').max(200);
export const name = z.string().trim().min(1).max(100);
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const priorityCategory = z.enum(PRIORITY_CATEGORIES);
export const channel = z.enum(CHANNELS);
export const ticketStatus = z.enum(TICKET_STATUSES);

export const hallParams = z.strictObject({ hallId: id });
export const windowParams = z.strictObject({ windowId: id });
export const ticketParams = z.strictObject({ ticketId: id });
export const userParams = z.strictObject({ userId: id });
export const deviceParams = z.strictObject({ deviceId: id });
export const hallServiceParams = z.strictObject({ hallId: id, serviceId: id });
export const hallWindowParams = z.strictObject({ hallId: id, windowId: id });
export const hallDeviceParams = z.strictObject({ hallId: id, deviceId: id });

export const noBody = z.strictObject({});

/** A comma-separated query list, e.g. `status=waiting,called`. */
export function csv<T extends z.ZodType>(item: T) {
  return z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter((p) => p !== ''))
    .pipe(z.array(item).min(1) as unknown as z.ZodType<z.output<T>[], string[]>);
}

export const limitQuery = z
  .string()
  .regex(/^\d{1,4}$/, 'a whole number up to 9999')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1000));

/** A PATCH body must change something. */
export function nonEmpty<T extends z.ZodObject>(schema: T) {
  return schema.refine((v) => Object.keys(v).length > 0, { message: 'name at least one field to change' });
}
