// Types of wire-limits.js (why it is JavaScript: see there). A name missing here fails typecheck
// where it is imported; test/sdk/wire-limits.test.ts checks that both list the same names.
export declare const BODY_BYTES: number;
export declare const EVENTS_PER_BATCH: number;
export declare const NAME_CHARS: number;
export declare const ID_MIN_CHARS: number;
export declare const ID_CHARS: number;
export declare const SITE_CHARS: number;
export declare const VISITOR_CHARS: number;
export declare const PROPS: number;
export declare const PROP_KEY_CHARS: number;
export declare const PROP_VALUE_CHARS: number;
export declare const URL_CHARS: number;
export declare const PAST_MS: number;
export declare const FUTURE_MS: number;
export declare const DROPPED_COUNT: number;
