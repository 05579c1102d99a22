/** What kind of storage trouble an error is, when it is one: the file, not the request, is at fault. */
export type StorageFaultKind = 'read-only' | 'full' | 'damaged' | 'io' | 'locked' | 'unopenable';

export interface StorageFault {
  kind: StorageFaultKind;
  /** SQLite's own words, e.g. "attempt to write a readonly database". */
  detail: string;
}

/** What an operator (and a client) reads for each kind. */
export const FAULT_TEXT: Record<StorageFaultKind, string> = {
  'read-only': 'the database is read-only',
  full: 'storage is full',
  damaged: 'the database file is damaged',
  io: 'the database file cannot be read or written (I/O error)',
  locked: 'the database is locked by another program',
  unopenable: 'the database file cannot be opened',
};

// Extended result codes keep their primary code as a prefix (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…).
const BY_CODE: [RegExp, StorageFaultKind][] = [
  [/^SQLITE_READONLY/, 'read-only'],
  [/^SQLITE_FULL$/, 'full'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'damaged'],
  [/^SQLITE_IOERR/, 'io'],
  [/^SQLITE_(BUSY|LOCKED)/, 'locked'],
  [/^SQLITE_(CANTOPEN|PERM)/, 'unopenable'],
];
// Errors that crossed a thread or lost their code still carry SQLite's message.
const BY_MESSAGE: [RegExp, StorageFaultKind][] = [
  [/readonly database|read-only file system/i, 'read-only'],
  [/database or disk is full/i, 'full'],
  [/malformed|file is not a database/i, 'damaged'],
  [/disk I\/O error/i, 'io'],
  [/database is locked|database table is locked/i, 'locked'],
  [/unable to open database file/i, 'unopenable'],
];

/** The storage fault behind `err`, or undefined for any other error (a bug, bad input). */
export function storageFault(err: unknown): StorageFault | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  const byCode = typeof code === 'string' ? BY_CODE.find(([re]) => re.test(code)) : undefined;
  const found = byCode ?? BY_MESSAGE.find(([re]) => re.test(err.message));
  return found ? { kind: found[1], detail: err.message } : undefined;
}
