import type { Site } from '../model';

export interface SiteStandard {
  /** How soon a callback request must be returned. */
  minutes: number;
  /** IANA time zone business hours and alert times are read in. */
  timeZone: string;
}

/** The site's response standard and time zone (issue 15's per-site settings), as alerts read them. */
export const siteStandard = (site: Site): SiteStandard => ({
  minutes: site.responseStandardMinutes,
  timeZone: site.timeZone,
});
