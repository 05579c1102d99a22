import { type Context, Hono } from 'hono';
import { type CallbackOutcome, peekLink, verifyLink } from '../alerts/callback-link';
import { linkPage, linkWords } from '../alerts/link-page';
import { recordCallbackOutcome } from '../alerts/record-callback';
import { getAlertSettings } from '../alerts/settings-store';
import type { AppDeps } from '../deps';
import type { Site } from '../model';
import { getSiteById } from '../store/sites';
import { writeFailure } from './write-failure';

// No sign-in: the signed, one-time, expiring token is the authority. GET only asks (link scanners
// and previews fetch GETs); the POST its form sends records the answer.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

type Checked =
  | { ok: true; site: Site; event: number; outcome: CallbackOutcome; nonce: string }
  | { ok: false; res: Response };

/** `GET|POST /alerts/callback/:token`: the "Called back" / "No answer" links of a lead alert. */
export function alertLinkRoutes(deps: Pick<AppDeps, 'db' | 'read' | 'writer' | 'now'>): Hono {
  const app = new Hono();
  const now = () => (deps.now ?? Date.now)();

  const page = (
    c: Context,
    status: 200 | 400 | 404 | 410,
    title: string,
    lines: string[],
    form?: { action: string; button: string },
  ) => {
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(linkPage(title, lines, form), status);
  };

  const check = (c: Context): Checked => {
    const token = c.req.param('token') ?? '';
    const claims = peekLink(token);
    const site = claims ? getSiteById(deps.read, claims.s) : undefined;
    const w = linkWords(site ? getAlertSettings(deps.read, site.id).language : 'en');
    if (!site) return { ok: false, res: page(c, 404, w.invalid, []) };
    const v = verifyLink(site, token, now());
    if (!v.ok)
      return {
        ok: false,
        res: v.reason === 'expired' ? page(c, 410, w.expired, []) : page(c, 404, w.invalid, []),
      };
    if (deps.db.prepare('SELECT 1 FROM alert_link_uses WHERE nonce = ?').get(v.claims.n))
      return { ok: false, res: page(c, 410, w.used, []) };
    return { ok: true, site, event: v.claims.e, outcome: v.claims.a, nonce: v.claims.n };
  };

  app.get('/alerts/callback/:token', (c) => {
    const r = check(c);
    if (!r.ok) return r.res;
    const w = linkWords(getAlertSettings(deps.read, r.site.id).language);
    const what = r.outcome === 'made' ? w.made : w.failed;
    return page(c, 200, what, [w.confirm(what), r.site.domain], { action: c.req.path, button: w.button });
  });

  app.post('/alerts/callback/:token', async (c) => {
    const r = check(c);
    if (!r.ok) return r.res;
    const w = linkWords(getAlertSettings(deps.read, r.site.id).language);
    const what = r.outcome === 'made' ? w.made : w.failed;
    try {
      const stored = await recordCallbackOutcome(deps, r.site, r.event, r.outcome, r.nonce, now());
      if (stored === 'gone') return page(c, 404, w.gone, []);
      if (stored === 'used') return page(c, 410, w.used, []);
    } catch (err) {
      return writeFailure(c, err);
    }
    return page(c, 200, what, [w.done(what)]);
  });
  return app;
}
