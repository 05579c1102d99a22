import { watchContactCopy } from './detectors/contact-copy.js';
import { watchDeadClicks } from './detectors/dead-click.js';
import { watchFormInvalid } from './detectors/form-invalid.js';
import { watchRageClicks } from './detectors/rage-click.js';
import type { Track } from './types.js';

/**
 * The interaction chunk's detectors: each only acts on something the visitor does after having
 * moved, pressed or typed (a click, a copy), so they need not be in t.js, which loads this chunk at
 * the first such interaction (first-interaction.ts). Nothing here has to be sent before the page
 * can go away: the click touchpoints that may navigate stay in t.js.
 */
export const watchInteractions = (track: Track): void => {
  watchContactCopy(track);
  watchFormInvalid(track);
  watchRageClicks(track);
  watchDeadClicks(track);
};
