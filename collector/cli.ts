import * as exportCmd from './commands/export';
import * as importCmd from './commands/import';
import * as pruneCmd from './commands/prune';
import * as siteCmd from './commands/site';
import * as startCmd from './commands/start';

interface Command { usage: string; run: (argv: string[]) => Promise<void> }

/** Sub-commands, each in `commands/<name>.ts`. */
const commands: Record<string, Command> = {
  start: { usage: startCmd.usage, run: startCmd.start },
  site: { usage: siteCmd.usage, run: siteCmd.site },
  export: { usage: exportCmd.usage, run: exportCmd.exportSite },
  import: { usage: importCmd.usage, run: importCmd.importFile },
  prune: { usage: pruneCmd.usage, run: pruneCmd.prune },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const cmd = name ? commands[name] : undefined;
  if (!cmd) {
    console.log(`usage:\n${Object.values(commands).map((c) => c.usage).join('\n')}`);
    process.exitCode = name && name !== 'help' && name !== '--help' ? 2 : 0;
    return;
  }
  await cmd.run(rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`touchpoint: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
