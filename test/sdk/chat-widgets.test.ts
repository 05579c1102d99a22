// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { CHAT_WIDGETS, hookChatWidgets } from '../../sdk/chat-widgets.js';
import { CHAT_GLOBALS } from '../../sdk/detectors/chat-open.js';
import { recorder } from './helpers.js';

// The chat chunk's hooking (sdk/chat-widgets.ts); t.js's part, loading it, is in chat-chunk-loading.test.ts.

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Fake widget globals the way each vendor's snippet exposes them. */
const fakeWidgets = () => {
  const handlers: Record<string, (...a: any[]) => void> = {};
  const w: any = {
    Tawk_API: { onChatMaximized: vi.fn() },
    Intercom: (cmd: string, fn: () => void) => {
      handlers[`intercom:${cmd}`] = fn;
    },
    $crisp: {
      push: ([, ev, fn]: [string, string, () => void]) => {
        handlers[`crisp:${ev}`] = fn;
      },
    },
    LiveChatWidget: {
      on: (ev: string, fn: (d: unknown) => void) => {
        handlers[`livechat:${ev}`] = fn;
      },
    },
  };
  return { w, handlers };
};

test('t.js looks for exactly the globals the chunk has hooks for, in the same order', () => {
  expect(Object.keys(CHAT_WIDGETS)).toEqual(CHAT_GLOBALS);
});

test('each widget present is hooked once, and its open signal becomes chat_open', () => {
  const { calls, emit } = recorder();
  const { w, handlers } = fakeWidgets();
  const siteTawk = w.Tawk_API.onChatMaximized;
  hookChatWidgets(emit, w, 2);
  w.Tawk_API.onChatMaximized();
  handlers['intercom:onShow']!();
  handlers['crisp:chat:opened']!();
  handlers['livechat:visibility_changed']!({ visibility: 'minimized' });
  handlers['livechat:visibility_changed']!({ visibility: 'maximized' });
  expect(calls.map((c) => c.props?.widget)).toEqual(['tawk', 'intercom', 'crisp', 'livechat']);
  // The site's own callback still runs.
  expect(siteTawk).toHaveBeenCalledOnce();
});

test('a widget loading later is found by a later look, and hooked only once', () => {
  const { calls, emit } = recorder();
  const w: any = {};
  let hooks = 0;
  const opens: (() => void)[] = [];
  hookChatWidgets(emit, w, 3);
  w.drift = {
    on: (_: string, fn: () => void) => {
      hooks++;
      opens.push(fn);
    },
  };
  vi.advanceTimersByTime(10_000);
  expect(hooks).toBe(1);
  opens[0]!();
  expect(calls).toEqual([{ name: 'chat_open', props: { widget: 'drift' }, r: undefined, u: undefined }]);
});

test('a widget whose API throws does not stop the others', () => {
  const { calls, emit } = recorder();
  const { w, handlers } = fakeWidgets();
  w.Tawk_API = new Proxy(
    {},
    {
      set: () => {
        throw new Error('frozen');
      },
    },
  );
  expect(() => hookChatWidgets(emit, w, 0)).not.toThrow();
  handlers['intercom:onShow']!();
  expect(calls.map((c) => c.props?.widget)).toEqual(['intercom']);
});

test('the site callback still runs when it throws, and the event is still sent', () => {
  const { calls, emit } = recorder();
  const w: any = {
    Tawk_API: {
      onChatMaximized: () => {
        throw new Error('site bug');
      },
    },
  };
  hookChatWidgets(emit, w, 0);
  expect(() => w.Tawk_API.onChatMaximized()).toThrow('site bug');
  expect(calls.map((c) => c.props?.widget)).toEqual(['tawk']);
});

test('looking stops once every known widget is hooked', () => {
  const { w } = fakeWidgets();
  w.drift = { on: vi.fn() };
  const { emit } = recorder();
  hookChatWidgets(emit, w);
  expect(vi.getTimerCount()).toBe(0);
});

// Opens that happened while the chunk was on its way (issue 13, item 4): asked of the widget itself.

/** Widgets loaded and showing their chat open, as their public "is it open" calls report it. */
const openWidgets = (activated: boolean | undefined) => ({
  navigator: activated === undefined ? {} : { userActivation: { hasBeenActive: activated } },
  Tawk_API: { isChatMaximized: () => true },
  $crisp: { push: () => {}, is: (what: string) => what === 'chat:opened' },
  LiveChatWidget: {
    on: () => {},
    get: (what: string) => what === 'state' && { availability: 'online', visibility: 'maximized' },
  },
});

test('a chat the visitor opened before the hooks arrived counts once per widget that says it is open', () => {
  const { calls, emit } = recorder();
  hookChatWidgets(emit, openWidgets(true), 0);
  expect(calls.map((c) => c.props?.widget)).toEqual(['tawk', 'crisp', 'livechat']);
});

test('browsers without navigator.userActivation still count an open chat found at hooking', () => {
  const { calls, emit } = recorder();
  hookChatWidgets(emit, openWidgets(undefined), 0);
  expect(calls.map((c) => c.props?.widget)).toEqual(['tawk', 'crisp', 'livechat']);
});

test('a chat the widget reopened by itself on a new page, with no visitor action yet, is not a new open', () => {
  const { calls, emit } = recorder();
  hookChatWidgets(emit, openWidgets(false), 0);
  expect(calls).toEqual([]);
});

test('a closed chat counts nothing at hooking, and its later open once', () => {
  const { calls, emit } = recorder();
  const handlers: Record<string, (d?: unknown) => void> = {};
  const w: any = {
    navigator: { userActivation: { hasBeenActive: true } },
    $crisp: { push: ([, ev, fn]: [string, string, () => void]) => (handlers[ev] = fn), is: () => false },
    LiveChatWidget: {
      on: (ev: string, fn: (d: unknown) => void) => (handlers[ev] = fn),
      get: () => ({ visibility: 'minimized' }),
    },
  };
  hookChatWidgets(emit, w, 0);
  expect(calls).toEqual([]);
  handlers['chat:opened']!();
  handlers.visibility_changed!({ visibility: 'maximized' });
  expect(calls.map((c) => c.props?.widget)).toEqual(['crisp', 'livechat']);
});

test('a widget that reports its open chat to the new hook at once is counted once, not again from its state', () => {
  const { calls, emit } = recorder();
  const w: any = {
    navigator: { userActivation: { hasBeenActive: true } },
    $crisp: { push: ([, , fn]: [string, string, () => void]) => fn(), is: () => true },
  };
  hookChatWidgets(emit, w, 0);
  expect(calls.map((c) => c.props?.widget)).toEqual(['crisp']);
});

test('widgets still loading (snippet queue, getters that throw before load) count nothing at hooking and break nothing', () => {
  const { calls, emit } = recorder();
  const queue: unknown[] = [];
  const w: any = {
    navigator: { userActivation: { hasBeenActive: true } },
    $crisp: queue,
    Tawk_API: {},
    LiveChatWidget: {
      on: () => {},
      get: () => {
        throw new Error("[LiveChatWidget] You can't use getters before load.");
      },
    },
  };
  expect(() => hookChatWidgets(emit, w, 0)).not.toThrow();
  expect(calls).toEqual([]);
  // The hooks are queued for when they load: Crisp's snippet array got the listener.
  expect(queue).toEqual([['on', 'chat:opened', expect.any(Function)]]);
  expect(typeof w.Tawk_API.onChatMaximized).toBe('function');
});
