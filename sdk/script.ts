import { watchChatWidgets } from './detectors/chat-open.js';
import { onFirstInteraction } from './first-interaction.js';
import { guard } from './guard.js';
import { createTracker, type Tracker } from './tracker.js';

/** File names of the chunks, filled in by the build (they carry a content hash). */
declare const __VITALS_FILE__: string;
declare const __CHAT_FILE__: string;
declare const __INTERACTION_FILE__: string;

type Command = Exclude<keyof Tracker, 'start'>;
type Tp = ((command: Command, ...args: unknown[]) => void) & { q?: IArguments[]; t?: 1 };

/**
 * t.js, the script tag: `<script defer src="…/t.js" data-site="ID">`. Optional attributes:
 * `data-endpoint` (default: the script's own origin), `data-vitals`, `data-respect-dnt`.
 * Replaces the `tp` queue stub, replays what it queued, then starts the detectors.
 */
guard(() => {
  const w = window as unknown as { tp?: Tp };
  const stub = w.tp;
  // Pasted twice (a tag manager plus the template) must not count everything twice.
  if (stub?.t) return;
  const script = (document.currentScript || document.querySelector('script[data-site]')) as HTMLScriptElement;
  const data = script.dataset;
  // One loader for every chunk: a classic script next to t.js (relative to the script's own URL).
  const load = (file: string) => {
    const chunk = document.createElement('script');
    chunk.src = new URL(file, script.src).href;
    document.head.append(chunk);
  };
  const tracker = createTracker(
    data.site!,
    data.endpoint ?? new URL(script.src).origin,
    'respectDnt' in data,
    () => {
      if ('vitals' in data) load(__VITALS_FILE__);
      watchChatWidgets(() => load(__CHAT_FILE__), tracker.track);
      onFirstInteraction(() => load(__INTERACTION_FILE__));
    },
  );
  // Unknown commands throw into the guard; a repeated start is ignored by the tracker.
  const tp: Tp = guard((command: Command, ...args: unknown[]) =>
    (tracker[command] as (...a: unknown[]) => void)(...args),
  );
  w.tp = tp;
  tp.t = 1;
  // Replayed before the detectors start, so an early beforeSend or consent applies to the first pageview.
  for (const args of stub?.q ?? []) tp(...(args as unknown as Parameters<Tp>));
  tracker.start();
})();
