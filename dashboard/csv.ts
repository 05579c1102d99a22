export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | null | undefined;
  /** Shown in the table; CSV always gets the raw value. */
  format?: (row: T) => string;
  /** A richer cell (a badge); built with DOM nodes, never HTML. */
  cell?: (row: T) => Node;
  numeric?: boolean;
  /** Left out on a phone (still in the CSV): the figures a narrow screen can do without. */
  optional?: boolean;
}

/**
 * RFC 4180 CSV. Cells starting with = + - @ (or a tab/CR) are prefixed with ' so a spreadsheet
 * does not run an event name like `=HYPERLINK(…)` as a formula.
 */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const cell = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(v);
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.label)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary object URL. */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
