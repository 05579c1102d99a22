import { isbot } from 'isbot';

const cache = new Map<string, boolean>();

/** isbot's pattern is one large regex; a site sees few distinct agents, so answers are cached. */
export function isBotAgent(ua: string): boolean {
  let hit = cache.get(ua);
  if (hit === undefined) {
    hit = ua === '' || isbot(ua);
    if (cache.size > 5000) cache.clear();
    cache.set(ua, hit);
  }
  return hit;
}
