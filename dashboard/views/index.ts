import { alertsView } from './alerts';
import { audienceView } from './audience';
import { funnelsView } from './funnels';
import { goalsView } from './goals';
import { overviewView } from './overview';
import { pagesView } from './pages';
import { realtimeView } from './realtime';
import { responseView } from './response';
import { scorecardView } from './scorecard';
import { setupView } from './setup';
import { sourcesView } from './sources';
import { speedView } from './speed';
import type { View } from './view';

export const VIEWS: Record<string, View> = {
  overview: overviewView,
  funnels: funnelsView,
  goals: goalsView,
  scorecard: scorecardView,
  sources: sourcesView,
  pages: pagesView,
  audience: audienceView,
  speed: speedView,
  response: responseView,
  realtime: realtimeView,
  setup: setupView,
  alerts: alertsView,
};
