import { guard } from './guard.js';
import { pageTrack } from './page-track.js';
import { watchVitals } from './vitals.js';

// The chunk t.js loads for `data-vitals`.
guard(() => watchVitals(pageTrack))();
