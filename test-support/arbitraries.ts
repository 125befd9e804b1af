// Nasty values to throw at the forms, shared by the property tests (lib/fuzz/*.fuzz.test.ts) and
// the end-to-end fuzz tests (e2e/fuzz.e2e.ts).
import fc from "fast-check";

/** Values that broke someone's form once: injections, invisible and direction-changing characters, odd Unicode. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\t\r\n",
  "\0",
  "a\0b",
  "\0".repeat(16),
  "\u0007\u0008\u001b[31m\u007f",
  "\u202Eevil\u202C",
  "\u202Dadmin\u202C",
  "\u200F\u200E",
  "\u200B",
  "\u200D",
  "\u200C",
  "\u2060",
  "\uFEFF",
  "\u00A0",
  "\u00AD",
  "\u2028\u2029",
  "\u3000",
  "😀",
  "👩‍👩‍👧‍👦",
  "🇺🇳",
  "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032dl\u036e\u0312\u036bg\u030c\u0317\u035ao\u0319\u0314\u036e\u0307\u0350",
  "\uD800",
  "\uDFFF",
  "\uDBFF\uDBFF",
  "\uFFFE\uFFFF",
  "ß",
  "İ",
  "ﬃ",
  "\u212A",
  "\u212B",
  "ａｄｍｉｎ",
  "' OR 1=1 --",
  "' OR '1'='1",
  "'; DROP TABLE \"User\"; --",
  "\" OR \"\"=\"",
  "admin'--",
  "1; SELECT * FROM User",
  "%' OR '%'='",
  "\\",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg onload=alert(1)>",
  "</textarea></script><b>x</b>",
  "javascript:alert(1)",
  "&lt;b&gt;&amp;&#39;",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "[object Object]",
  "%00",
  "%s%s%n",
  "%FF%FE%",
  "../../etc/passwd",
  "on",
  "true",
  "@",
  "a@b",
  "user@example.com",
  " User@Example.COM ",
  "a@b.co\0",
  "admin@localhost",
  "x".repeat(254) + "@example.com",
];

/** Characters no form field should trip over. */
const awkwardChar = fc.oneof(
  fc.constantFrom("\0", "\u0001", "\u001f", "\u007f", "\u0085", "\u200B", "\u200D", "\u202E", "\uFEFF", "\uD800", "\uDC00", "'", '"', "<", ">", "&", "\\", "%", ";", "\n", "\r"),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

const nastyPiece = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: awkwardChar, maxLength: 8 }),
  fc.string({ maxLength: 12 }),
);

/** A long string (1k, or `max` if smaller, to `max` characters) repeating a nasty piece, cut anywhere, even inside a surrogate pair. */
export const hugeString = (max = 100_000) =>
  fc
    .tuple(nastyPiece.filter((piece) => piece.length > 0), fc.integer({ min: Math.min(1_000, max), max }))
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Mostly short nasty strings, sometimes huge ones. */
export const nastyString = (maxHuge = 100_000) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(nastyPiece, { maxLength: 4 }).map((pieces) => pieces.join("")) },
    { weight: 1, arbitrary: hugeString(maxHuge) },
  );

/** `arbitrary` once in `1 + nils` draws, else null (fc.option's `freq` is the odds of null). */
export const rarely = <T>(arbitrary: fc.Arbitrary<T>, nils: number) =>
  fc.oneof({ weight: nils, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** Anything JSON or JavaScript can hold, for places that expect a string. */
export const wrongType = fc.oneof(
  fc.anything({ withBoxedValues: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, maxDepth: 2 }),
  fc.constantFrom(null, undefined, 0, -1, Number.NaN, Infinity, true, false, [], {}, ["alice"], { toString: () => "alice" }),
);

export const validUsername = fc.stringMatching(/^[A-Za-z0-9_]{3,32}$/);
/** Emails the sign-up schema accepts (zod's email pattern), in any case, maybe with spaces around. */
export const validEmail = fc.mixedCase(
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9]([a-z0-9_'+-]{0,14}[a-z0-9])?$/),
      fc.stringMatching(/^[a-z0-9]{1,10}$/),
      fc.constantFrom("com", "org", "example", "test"),
      fc.constantFrom("", " ", "\t"),
    )
    .map(([local, host, tld, pad]) => `${pad}${local}@${host}.${tld}${pad}`),
);
/** Passwords unlikely to be common or to contain the username or email. */
export const strongPassword = fc.stringMatching(/^[A-Za-z0-9 .,!?-]{14,24}$/);

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,32}$/;
/** A plain sanity check for stored emails, stricter than "has an @". */
export const SANE_EMAIL = /^[a-z0-9_'+.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** The fast-check seed: FUZZ_SEED to replay a failure, else a fresh one. fast-check prints it on failure. */
export const fuzzSeed = () => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 0x7fffffff));
