/** Fields an imported row can fill; `props.<key>` puts a column into the event's props. */
export const IMPORT_FIELDS = ['id', 'name', 'time', 'lead', 'phone', 'visitor', 'value', 'props'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number] | `props.${string}`;

/** header index → field, plus what the user should hear about. */
export interface ColumnMap {
  fields: Map<number, ImportField>;
  /** Columns read by nothing: not imported (a CRM export may hold names and e-mails). */
  ignored: string[];
}

const PROP_KEY = /^props\.[A-Za-z0-9_.-]{1,64}$/;

/**
 * Decides which column fills which field: `--map "Call time=time"` entries first, then columns
 * named like a field (case-insensitive). Throws with the offending `--map` entry or the missing field.
 *
 * @example
 * mapColumns(['Caller', 'Started', 'Outcome'], ['Caller=phone', 'Started=time', 'Outcome=name'])
 */
export function mapColumns(
  header: readonly string[],
  maps: readonly string[] = [],
  { nameGiven = false } = {},
): ColumnMap {
  const wanted = new Map<string, ImportField>();
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    const column = m.slice(0, eq).trim();
    const field = m.slice(eq + 1).trim();
    if (eq <= 0 || !column) throw new Error(`--map "${m}" must look like column=field`);
    if (!(IMPORT_FIELDS as readonly string[]).includes(field) && !PROP_KEY.test(field)) {
      throw new Error(`--map "${m}": field must be one of ${IMPORT_FIELDS.join(', ')} or props.<key>`);
    }
    if (!header.includes(column))
      throw new Error(`--map "${m}": the file has no column "${column}" (columns: ${header.join(', ')})`);
    wanted.set(column, field as ImportField);
  }
  const fields = new Map<number, ImportField>();
  const ignored: string[] = [];
  header.forEach((col, i) => {
    const byName = col.trim().toLowerCase();
    const field =
      wanted.get(col) ??
      ((IMPORT_FIELDS as readonly string[]).includes(byName) ? (byName as ImportField) : undefined);
    if (field) fields.set(i, field);
    else ignored.push(col);
  });
  const has = (f: ImportField) => [...fields.values()].includes(f);
  const twice = [...fields.values()].find((f, i, all) => all.indexOf(f) !== i);
  if (twice) throw new Error(`two columns fill "${twice}"; map only one of them`);
  if (!has('name') && !nameGiven)
    throw new Error(
      'no column gives the touchpoint name: add a "name" column, --map column=name, or --name call_answered',
    );
  if (!has('time')) throw new Error('no column gives the time: add a "time" column or --map column=time');
  if (!has('lead') && !has('phone') && !has('visitor'))
    throw new Error('no column says who: map a column to lead, phone or visitor');
  return { fields, ignored };
}
