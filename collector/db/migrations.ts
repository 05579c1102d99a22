import { migration01 } from './migrations/migration-01';
import { migration02 } from './migrations/migration-02';
import { migration03 } from './migrations/migration-03';
import { migration04 } from './migrations/migration-04';
import { migration05 } from './migrations/migration-05';
import { migration06 } from './migrations/migration-06';
import { migration07 } from './migrations/migration-07';
import { migration08 } from './migrations/migration-08';
import { migration09 } from './migrations/migration-09';
import { migration10 } from './migrations/migration-10';
import { migration11 } from './migrations/migration-11';

/**
 * Versioned schema. Each entry runs once, in order, inside a transaction; `PRAGMA user_version`
 * records how many have run. Append, never edit a shipped entry.
 *
 * Integer ids (sites, names, visitors, sessions) keep the hot indexes small; the `*_v` views give
 * analysts readable names.
 */
export const migrations: readonly string[] = [
  migration01,
  migration02,
  migration03,
  migration04,
  migration05,
  migration06,
  migration07,
  migration08,
  migration09,
  migration10,
  migration11,
];
