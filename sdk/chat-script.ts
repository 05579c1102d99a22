import { hookChatWidgets } from './chat-widgets.js';
import { guard } from './guard.js';
import { pageTrack } from './page-track.js';

// The chunk t.js loads once a look finds a chat widget's global (detectors/chat-open.ts).
guard(() => hookChatWidgets(pageTrack))();
