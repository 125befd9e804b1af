/** What the passkey buttons say when a ceremony does not complete; shared by server and browser. */
export const PASSKEY_TOO_MANY = "Too many tries. Please wait a minute and try again.";
export const PASSKEY_INCOMPLETE = "Sign-in with a passkey did not complete. Please try again.";
export const PASSKEY_NOT_CONFIRMED = "Confirming with your passkey did not complete. Please try again.";
