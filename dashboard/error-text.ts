import { ApiError } from './api';
import { t } from './i18n';

/**
 * An error as a sentence for the marketer. Server faults are said in the interface's own words
 * (never SQLite's codes or a stack); a refusal of bad input keeps the server's message, which
 * names the field and the limit.
 */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('error.unexpected');
  if (err.status === 0) return t('error.offline');
  if (err.status === 502 || err.status === 503 || err.status === 504) return t('error.busy');
  if (err.status >= 500) return t('error.server');
  if (err.status === 404) return t('error.notFound');
  if (err.status === 429) return t('error.tooMany');
  if (err.status === 403) return t('error.forbidden');
  return t('error.refused', { detail: err.message });
}
