import type { Site } from '../model';
import type { AlertLanguage, AlertPayload, AlertType } from './alert-types';

/** The common envelope of every alert; `id` doubles as the idempotency key. */
export const makePayload = (
  site: Site,
  type: AlertType,
  id: string,
  now: number,
  language: AlertLanguage,
  body: Partial<Pick<AlertPayload, 'lead' | 'group' | 'standard' | 'chain' | 'digest'>> = {},
): AlertPayload => ({
  version: 1,
  id,
  type,
  site: { id: site.publicId, domain: site.domain },
  time: new Date(now).toISOString(),
  language,
  ...body,
});
