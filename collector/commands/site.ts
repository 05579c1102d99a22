import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database';
import type { Site } from '../model';
import { openSharedConfig } from '../shared-config/open-shared-config';
import { localConfigWrites } from '../store/config-writes';
import { addSite, changeSite } from '../store/site-writes';
import { listSites, type SitePatch } from '../store/sites';

export const usage = `touchpoint site add <domain> [--hostname h …] [--count-bots] [--country RU] [--unsigned-identify] [--web-values] [--db path]
touchpoint site set <site> [--[no-]count-bots] [--[no-]unsigned-identify] [--[no-]web-values] [--db path] [--json]
touchpoint site list [--db path] [--json]
(each also takes --config-postgres URL, or TOUCHPOINT_CONFIG_POSTGRES: a cluster's sites)`;

const switches = (s: Site) =>
  [s.countBots && 'counts bots', s.unsignedIdentify && 'unsigned identify', s.webValues && 'web values']
    .filter(Boolean)
    .join(', ');

/** `site add` / `site set` / `site list`: manage sites from the shell. */
export async function site(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    // `--no-web-values` on `site set` turns a switch off.
    allowNegative: true,
    options: {
      db: { type: 'string' },
      hostname: { type: 'string', multiple: true },
      'count-bots': { type: 'boolean' },
      'unsigned-identify': { type: 'boolean' },
      'web-values': { type: 'boolean' },
      country: { type: 'string' },
      json: { type: 'boolean' },
      'config-postgres': { type: 'string' },
    },
  });
  const db = openDatabase(values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db');
  // In a cluster, sites are the shared configuration's: written there, read from this file's fresh cache.
  const configUrl = values['config-postgres'] ?? process.env.TOUCHPOINT_CONFIG_POSTGRES;
  const shared = configUrl
    ? await openSharedConfig({ url: configUrl, db }).catch((err) => {
        db.close();
        throw err;
      })
    : undefined;
  const writes = shared?.writes ?? localConfigWrites(db);
  try {
    const [verb, arg] = positionals;
    if (verb === 'add' && arg) {
      const s = await addSite(writes, db, {
        domain: arg,
        ...(values.hostname ? { hostnames: [arg, ...values.hostname] } : {}),
        countBots: values['count-bots'] ?? false,
        unsignedIdentify: values['unsigned-identify'] ?? false,
        webValues: values['web-values'] ?? false,
        defaultCountry: values.country?.toUpperCase() ?? null,
      });
      if (values.json) {
        console.log(JSON.stringify(s));
        return;
      }
      console.log(`site ${s.publicId} for ${s.domain} (hostnames: ${s.hostnames.join(', ')})`);
      console.log(`secret for server-side events and identify signatures: ${s.secret}`);
      console.log(
        `script tag: <script defer src="https://YOUR-COLLECTOR/t.js" data-site="${s.publicId}"></script>`,
      );
    } else if (verb === 'set' && arg) {
      const patch: SitePatch = {};
      if (values['count-bots'] !== undefined) patch.countBots = values['count-bots'];
      if (values['unsigned-identify'] !== undefined) patch.unsignedIdentify = values['unsigned-identify'];
      if (values['web-values'] !== undefined) patch.webValues = values['web-values'];
      const s = await changeSite(writes, db, arg, patch);
      if (!s) throw new Error(`unknown site "${arg}" (touchpoint site list shows the ids)`);
      if (values.json) {
        console.log(JSON.stringify(s));
        return;
      }
      console.log(`site ${s.publicId}: ${switches(s) || 'no switches on'}`);
    } else if (verb === 'list') {
      const sites = listSites(db);
      if (values.json) {
        console.log(JSON.stringify(sites));
        return;
      }
      if (!sites.length) console.log('no sites yet: touchpoint site add <domain>');
      for (const s of sites)
        console.log(
          `${s.publicId}\t${s.domain}\t${s.hostnames.join(',')}${switches(s) ? `\t${switches(s)}` : ''}`,
        );
    } else {
      throw new Error(`usage:\n${usage}`);
    }
  } finally {
    await shared?.close();
    db.close();
  }
}
