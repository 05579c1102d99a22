import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../collector/alerts/webhook-signature';

// The verification snippets of docs/alerts.md, run as a receiver would run them.
const DOC = readFileSync(new URL('../../docs/alerts.md', import.meta.url), 'utf8');
const snippet = (marker: string): string => {
  const m = new RegExp(`<!-- verify:${marker} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!m) throw new Error(`docs/alerts.md has no verify:${marker} snippet`);
  return m[1]!;
};

const dir = mkdtempSync(join(tmpdir(), 'tp-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'whsec-doc-0123456789abcdef';
const BODY = JSON.stringify({ version: 1, id: 'lead:1', type: 'lead', note: 'ünïcode ✓' });
const NOW = 1_764_842_400; // seconds

interface Case {
  headers: Record<string, string>;
  body: string;
  now: number;
}
const signed = (ts: number, body = BODY): Case => ({
  headers: { 'x-touchpoint-timestamp': String(ts), 'x-touchpoint-signature': signWebhook(SECRET, ts, BODY) },
  body,
  now: NOW,
});
const CASES: [string, Case, boolean][] = [
  ['genuine', signed(NOW - 10), true],
  ['tampered body', signed(NOW - 10, BODY.replace('lead:1', 'lead:2')), false],
  ['older than 5 minutes', signed(NOW - 301), false],
  ['no timestamp', { headers: {}, body: BODY, now: NOW }, false],
];

function runNode(c: Case): boolean {
  const file = join(dir, 'verify.cjs');
  writeFileSync(
    file,
    `${snippet('node')}\nconst c = JSON.parse(process.argv[2]);\nprocess.stdout.write(String(verifyTouchpoint(${JSON.stringify(SECRET)}, c.headers, c.body, c.now * 1000)));\n`,
  );
  return execFileSync(process.execPath, [file, JSON.stringify(c)]).toString() === 'true';
}

function runPython(c: Case): boolean {
  const file = join(dir, 'verify.py');
  writeFileSync(
    file,
    `${snippet('python')}\nimport json, sys\nc = json.loads(sys.argv[1])\nprint(verify_touchpoint(${JSON.stringify(SECRET)}, c["headers"], c["body"].encode(), c["now"]), end="")\n`,
  );
  return execFileSync('python3', [file, JSON.stringify(c)]).toString() === 'True';
}

describe('docs/alerts.md verification snippets', () => {
  for (const [name, c, want] of CASES) {
    it(`Node: ${name} → ${want}`, () => expect(runNode(c)).toBe(want));
    it(`Python: ${name} → ${want}`, () => expect(runPython(c)).toBe(want));
  }
});
