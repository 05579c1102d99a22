/** What the HTTP side may ask of the running alert machinery. */
export interface AlertService {
  /** Look at the outbox now: something was just queued. */
  poke(): void;
}
