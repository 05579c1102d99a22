import type { Site } from '../model';
import { cleanText } from './clean-text';
import { identifySignatureValid } from './identify-signature';

type Props = Record<string, string | number | boolean>;

/**
 * An `identify` event's lead and stored props, or null when the site cannot trust it: a lead is
 * linked only when the site's server signed it (`p.sig`), or the site accepts unsigned identify.
 * The signature itself is never stored. An identify without a lead links nothing and is kept.
 */
export function trustedIdentify(
  p: Props | undefined,
  site: Pick<Site, 'secret' | 'unsignedIdentify'>,
): { lead: string | undefined; props: Props | undefined } | null {
  if (!p) return { lead: undefined, props: p };
  const { sig, ...props } = p;
  // The cut may split a surrogate pair.
  const lead = typeof p.lead === 'string' && p.lead ? cleanText(p.lead.slice(0, 128)) : undefined;
  if (lead === undefined) return { lead, props };
  if (!site.unsignedIdentify && !(typeof sig === 'string' && identifySignatureValid(site.secret, lead, sig)))
    return null;
  return { lead, props: { ...props, lead } };
}
