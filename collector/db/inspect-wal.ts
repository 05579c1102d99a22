import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** What a `-wal` file left behind holds, read before SQLite opens (and replays) it. */
export interface WalFound {
  bytes: number;
  pageSize: number;
  /** Frames written since the log last restarted (their salts match the header's). */
  frames: number;
  /** Of those, the frames up to the last commit: what a recovery should replay. */
  committed: number;
}

const HEADER = 32;
const FRAME_HEADER = 24;

/**
 * A non-empty `-wal` beside a file no program has open means the last stop was not clean: a clean
 * close checkpoints the log into the file and deletes it. Reads the log's header and each frame's
 * header (https://www.sqlite.org/fileformat.html#the_write_ahead_log); null when there is no log,
 * an empty one, or not a log at all.
 */
export function inspectWal(dbPath: string): WalFound | null {
  const path = `${dbPath}-wal`;
  const bytes = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  if (bytes < HEADER) return null;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEADER);
    readSync(fd, head, 0, HEADER, 0);
    const magic = head.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
    const pageSize = head.readUInt32BE(8) === 1 ? 65536 : head.readUInt32BE(8);
    const salt1 = head.readUInt32BE(16);
    const salt2 = head.readUInt32BE(20);
    const frameBytes = FRAME_HEADER + pageSize;
    const slots = Math.floor((bytes - HEADER) / frameBytes);
    const frame = Buffer.alloc(FRAME_HEADER);
    let frames = 0;
    let committed = 0;
    for (; frames < slots; frames++) {
      readSync(fd, frame, 0, FRAME_HEADER, HEADER + frames * frameBytes);
      // Frames past the current run's last one are left from an earlier run of the log: other salts.
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
      if (frame.readUInt32BE(4) !== 0) committed = frames + 1;
    }
    return { bytes, pageSize, frames, committed };
  } finally {
    closeSync(fd);
  }
}

/**
 * The start-up line for a recovery: how much the log held and whether SQLite replayed it all
 * (`replayed`: the frames it kept, from `PRAGMA wal_checkpoint`). SQLite stops at the first frame
 * whose checksum fails and drops every later one without a word, acknowledged or not.
 */
export function describeRecovery(dbPath: string, found: WalFound, replayed: number): string {
  const log = `${(found.bytes / 1048576).toFixed(1)} MB log of ${found.pageSize}-byte pages`;
  const head = `${dbPath} was not closed cleanly (crash, kill -9 or power loss) or another program has it open`;
  if (replayed >= found.committed)
    return `${head}: recovered ${found.committed} WAL frames of committed transactions (${log})`;
  return (
    `${head}: recovered only ${replayed} of ${found.committed} WAL frames of committed transactions (${log}); ` +
    `the log is damaged after frame ${replayed}: what was committed after it is lost (restore from a backup if it matters)`
  );
}
