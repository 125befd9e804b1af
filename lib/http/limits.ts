/** Largest form post a server action accepts (next.config.ts), in bytes: 2 MB. */
export const ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Longest path worth carrying back after sign-in; safeCallbackUrl drops longer ones anyway. */
export const CALLBACK_URL_MAX = 2048;
