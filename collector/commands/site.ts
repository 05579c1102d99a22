import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database';
import { createSite, listSites } from '../store/sites';

export const usage = `touchpoint site add <domain> [--hostname h …] [--count-bots] [--country RU] [--db path]
touchpoint site list [--db path] [--json]`;

/** `site add` / `site list`: manage sites from the shell. */
export async function site(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      hostname: { type: 'string', multiple: true },
      'count-bots': { type: 'boolean' },
      country: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const db = openDatabase(values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db');
  try {
    const [verb, domain] = positionals;
    if (verb === 'add' && domain) {
      const s = createSite(db, {
        domain,
        ...(values.hostname ? { hostnames: [domain, ...values.hostname] } : {}),
        countBots: values['count-bots'] ?? false,
        defaultCountry: values.country?.toUpperCase() ?? null,
      });
      if (values.json) { console.log(JSON.stringify(s)); return; }
      console.log(`site ${s.publicId} for ${s.domain} (hostnames: ${s.hostnames.join(', ')})`);
      console.log(`secret for server-side events: ${s.secret}`);
      console.log(`script tag: <script defer src="https://YOUR-COLLECTOR/t.js" data-site="${s.publicId}"></script>`);
    } else if (verb === 'list') {
      const sites = listSites(db);
      if (values.json) { console.log(JSON.stringify(sites)); return; }
      if (!sites.length) console.log('no sites yet: touchpoint site add <domain>');
      for (const s of sites) console.log(`${s.publicId}\t${s.domain}\t${s.hostnames.join(',')}${s.countBots ? '\tcounts bots' : ''}`);
    } else {
      throw new Error(`usage:\n${usage}`);
    }
  } finally {
    db.close();
  }
}


