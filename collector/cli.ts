interface Command {
  usage: string;
  run: (argv: string[]) => Promise<void>;
}

/**
 * Sub-commands, each in `commands/<name>.ts`, loaded only when asked for: the server (`start`)
 * then never loads what only the CLI's import and export use (phone number metadata, CSV parser,
 * progress bar) and their memory.
 */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => {
    const m = await import('./commands/start');
    return { usage: m.usage, run: m.start };
  },
  backup: async () => {
    const m = await import('./commands/backup');
    return { usage: m.usage, run: m.backup };
  },
  site: async () => {
    const m = await import('./commands/site');
    return { usage: m.usage, run: m.site };
  },
  export: async () => {
    const m = await import('./commands/export');
    return { usage: m.usage, run: m.exportSite };
  },
  import: async () => {
    const m = await import('./commands/import');
    return { usage: m.usage, run: m.importFile };
  },
  prune: async () => {
    const m = await import('./commands/prune');
    return { usage: m.usage, run: m.prune };
  },
  cluster: async () => {
    const m = await import('./commands/cluster');
    return { usage: m.usage, run: m.cluster };
  },
  migrate: async () => {
    const m = await import('./commands/migrate');
    return { usage: m.usage, run: m.migrateStore };
  },
  admin: async () => {
    const m = await import('./commands/admin');
    return { usage: m.usage, run: m.admin };
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const load = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    const all = await Promise.all(Object.values(commands).map((c) => c()));
    console.log(`usage:\n${all.map((c) => c.usage).join('\n')}`);
    process.exitCode = name && name !== 'help' && name !== '--help' ? 2 : 0;
    return;
  }
  await (await load()).run(rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`touchpoint: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
