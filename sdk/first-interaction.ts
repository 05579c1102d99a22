import { on } from './guard.js';

/**
 * Runs `start` once, at the visitor's first pointer move, pointer press or key press: the moment
 * to load what only clicks need (the interaction chunk). A mouse moves before it clicks and a touch
 * starts with a press, so the chunk is usually running before the first click; visitors who never
 * interact (and bots, and prerendered pages never shown) never download it.
 */
export const onFirstInteraction = (start: () => unknown): void => {
  let started = false;
  on('pointermove pointerdown keydown', () => {
    if (started) return;
    started = true;
    start();
  });
};
