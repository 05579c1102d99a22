// `npm run build:sdk && node scripts/size-by-module.mjs`: where t.js's gzip bytes go. Builds t.js
// whole (as the SDK's rollup config does, with the chunk names of the last build in dist/), then
// once more per part with that part's module replaced by a stub that does nothing; a part's share
// is what t.js loses without it (gzip -9). Shares do not add up to the whole exactly: gzip finds
// repeats across parts. Parts whose module does not exist are skipped, so the same script measures
// an older checkout (`cd that-checkout && npm run build:sdk && node …/size-by-module.mjs`).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';

const { default: configs } = await import(resolve('sdk/rollup.config.mjs'));
const script = configs.find((c) => c.input === 'sdk/script.ts');

/** Part name, its module, and a stub with the same exports that does nothing. */
const PARTS = [
  [
    'pageview, not_found, site_search',
    'sdk/detectors/pageview.ts',
    'export const watchPageviews = () => {};',
  ],
  ['engagement', 'sdk/detectors/engagement.ts', 'export const watchEngagement = () => () => {};'],
  [
    'forms (form_start, form_submit, form_abandon)',
    'sdk/detectors/forms.ts',
    'export const watchForms = () => () => {};',
  ],
  ['click touchpoints (tel, mailto, links, tagged)', 'sdk/clicks.ts', 'export const watchClicks = () => {};'],
  [
    'contact_copy',
    'sdk/detectors/contact-copy.ts',
    'export const watchContactCopy = () => {}; export const contactKind = () => {};',
  ],
  [
    'chat widget watcher (Jivo claim, chat chunk loader)',
    'sdk/detectors/chat-open.ts',
    "export const CHAT_GLOBALS = []; export const watchChatWidgets = () => {}; export const chatOpen = (el) => el.dataset.tp == 'chat' && ['chat_open', { widget: 'custom' }];",
  ],
  ['interaction chunk loader', 'sdk/first-interaction.ts', 'export const onFirstInteraction = () => {};'],
  [
    'queue (batches, retries, persistence)',
    'sdk/queue.ts',
    'export const QUEUE_KEY = "tp_q"; export const createQueue = () => ({ push() {}, flush() {} });',
  ],
];

const chunkName = (prefix) =>
  readdirSync('dist').find((f) => f.startsWith(`${prefix}-`)) ?? `${prefix}-XXXXXXXX.js`;

/** t.js gzipped, with `stub` in place of `file` if given. */
const build = async (file, stub) => {
  const bundle = await rollup({
    input: script.input,
    plugins: [
      {
        name: 'stub',
        load: (id) => (file && id === resolve(file) ? stub : null),
        transform: (code, id) =>
          id.endsWith('script.ts')
            ? code.replace(/__(VITALS|CHAT|INTERACTION)_FILE__/g, (_, k) =>
                JSON.stringify(chunkName(`t${k[0].toLowerCase()}`)),
              )
            : null,
      },
      ...script.plugins.filter((p) => p.name !== 'chunk-file-names'),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate(script.output);
  return gzipSync(output[0].code, { level: 9 }).length;
};

const whole = await build();
const line = (part, bytes) => console.log(`${part.padEnd(52)} ${String(bytes).padStart(5)} B`);
let parts = 0;
for (const [part, file, stub] of PARTS) {
  if (!existsSync(file)) continue;
  const share = whole - (await build(file, stub));
  parts += share;
  line(part, share);
}
line('the rest (tracker, transport, store, URLs, script tag)', whole - parts);
line('t.js', whole);
