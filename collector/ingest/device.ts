import { UAParser } from 'ua-parser-js';

export interface DeviceInfo {
  device: 'desktop' | 'mobile' | 'tablet' | 'other';
  browser: string | null;
  os: string | null;
}

const cache = new Map<string, DeviceInfo>();

/** Device class, browser and OS from a user agent; cached because a site sees few distinct agents. */
export function parseDevice(ua: string): DeviceInfo {
  const hit = cache.get(ua);
  if (hit) return hit;
  const r = UAParser(ua);
  const type = r.device.type;
  const info: DeviceInfo = {
    device: !type ? 'desktop' : type === 'mobile' ? 'mobile' : type === 'tablet' ? 'tablet' : 'other',
    browser: r.browser.name ?? null,
    os: r.os.name ?? null,
  };
  if (cache.size > 5000) cache.clear();
  cache.set(ua, info);
  return info;
}
