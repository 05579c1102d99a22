import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePassword, passwordProblem, setAdminPassword } from '../auth/admin-password';
import { openDatabase } from '../db/open-database';

export const usage = `touchpoint admin reset-password [--stdin] [--db path]
    prints a new random dashboard password, or sets the one read from stdin; ends every dashboard
    session and clears the sign-in limits (a running collector notices at the next sign-in)`;

/** `admin reset-password`: the way back in when the password is lost or sign-in is held up. */
export async function admin(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { stdin: { type: 'boolean' }, db: { type: 'string' } },
  });
  if (positionals[0] !== 'reset-password' || positionals.length > 1) throw new Error(`usage:\n${usage}`);
  const path = values.db ?? process.env.TOUCHPOINT_DB ?? './data/touchpoint.db';
  if (!existsSync(path)) throw new Error(`no database at ${path} (set --db or TOUCHPOINT_DB)`);
  // Read before opening the file: a refused password changes nothing.
  const chosen = values.stdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
  const problem = chosen === undefined ? undefined : passwordProblem(chosen);
  if (problem) throw new Error(problem);
  const password = chosen ?? generatePassword();
  const db = openDatabase(path);
  try {
    const ended = setAdminPassword(db, password);
    if (chosen === undefined)
      console.log(`new dashboard password (shown once, only its hash is kept): ${password}`);
    else console.log('dashboard password set');
    console.log(`${ended} dashboard session${ended === 1 ? '' : 's'} ended; sign-in limits cleared`);
    if (process.env.TOUCHPOINT_ADMIN_PASSWORD) {
      console.log(
        'note: TOUCHPOINT_ADMIN_PASSWORD is set here; a collector started with it puts that password back',
      );
    }
  } finally {
    db.close();
  }
}
