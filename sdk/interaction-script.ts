import { guard } from './guard.js';
import { watchInteractions } from './interactions.js';
import { pageTrack } from './page-track.js';

// The chunk t.js loads at the visitor's first interaction (first-interaction.ts).
guard(() => watchInteractions(pageTrack))();
