/** Where the ClickHouse store lives: the server's HTTP address, the database, and the sign-in. */
export interface ClickHouseTarget {
  /** `http(s)://host:port`, without the database path or credentials. */
  url: string;
  database: string;
  username?: string;
  password?: string;
}

const DATABASE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Reads `--clickhouse http://user:password@127.0.0.1:8123/touchpoint`: the path names the database
 * (created on start), credentials are optional. Throws a message that says what to write.
 */
export function parseClickHouseUrl(raw: string): ClickHouseTarget {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`--clickhouse must be a URL like http://127.0.0.1:8123/touchpoint, got "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(
      `--clickhouse must use ClickHouse's HTTP interface (http: or https:), got "${u.protocol}"`,
    );
  const database = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
  if (!DATABASE.test(database))
    throw new Error(
      `--clickhouse must name the database as its path (letters, digits, _), e.g. http://127.0.0.1:8123/touchpoint; got "${u.pathname}"`,
    );
  return {
    url: `${u.protocol}//${u.host}`,
    database,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/** For log lines: the address and database, never the password. */
export const describeTarget = (t: ClickHouseTarget): string =>
  `${t.url.replace('//', `//${t.username ? `${t.username}@` : ''}`)}/${t.database}`;
