/**
 * Text as it arrived in a form field or a query string, made storable: lone UTF-16 surrogates
 * and NUL characters (no browser form sends either; PostgreSQL cannot store NUL in text, and a
 * look-up with one would fail the request) become U+FFFD, which matches no account and which
 * the schemas refuse where a value must be well-formed.
 */
export const asText = (value: string) => value.toWellFormed().replaceAll("\u0000", "\uFFFD");
