// @ts-check
// Whether Next.js and React can decode a server-action body, checked before Next.js reads it
// (scripts/request-guard.mjs): what they cannot decode they answer with a 500.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Next.js's own busboy, so that the guard parses a fetch action's body exactly as Next.js will.
/** @type {(config: object) => import("node:stream").Writable} */
const busboy = require("next/dist/compiled/busboy");

/** Deepest nesting of arrays and objects (and references) a server-action argument may have. */
export const REPLY_DEPTH_LIMIT = 64;

/** @typedef {{ status: 400, reason: string }} BodyProblem */

const FILE = Symbol("file");
/** @typedef {[name: string, value: string | typeof FILE]} Field */

/**
 * Why Next.js and React could not decode this server-action body, or null when they can.
 * @param {"fetch-multipart" | "fetch-text" | "form-multipart"} kind
 * @param {string} contentType
 * @param {Buffer} body
 * @returns {Promise<BodyProblem | null>}
 */
export async function actionBodyProblem(kind, contentType, body) {
  const bad = (/** @type {string} */ reason) => /** @type {BodyProblem} */ ({ status: 400, reason });
  if (kind === "fetch-text") return replyProblem([["0", body.toString("utf8")]], "", "reply");
  // Busboy refuses a multipart header without a usable boundary (missing, empty, malformed).
  try {
    busboy({ headers: { "content-type": contentType } });
  } catch {
    return bad("bad-boundary");
  }
  if (kind === "fetch-multipart") {
    const fields = await parseWithBusboy(contentType, body);
    return typeof fields === "string" ? bad(fields) : replyProblem(fields, "", "streamed-reply");
  }
  /** @type {Field[]} */
  let fields;
  try {
    // The same parser Next.js uses for these posts; it is stricter than busboy.
    const form = await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body: /** @type {Uint8Array<ArrayBuffer>} */ (body) }).formData();
    fields = [...form].map(([name, value]) => [name, typeof value === "string" ? value : FILE]);
  } catch {
    return bad("malformed-multipart");
  }
  // React decodes the bound arguments of each action the form names ($ACTION_REF_n) from the
  // fields prefixed "$ACTION_n:".
  for (const [name] of fields) {
    if (!name.startsWith("$ACTION_REF_")) continue;
    const problem = replyProblem(fields, `$ACTION_${name.slice("$ACTION_REF_".length)}:`, "form-action");
    if (problem) return problem;
  }
  return null;
}

/**
 * The body's fields in order, as Next.js's busboy sees them, or why it cannot parse them.
 * @param {string} contentType
 * @param {Buffer} body
 * @returns {Promise<Field[] | string>}
 */
function parseWithBusboy(contentType, body) {
  return new Promise((resolve) => {
    /** @type {Field[]} */
    const fields = [];
    const parser = busboy({ defParamCharset: "utf8", headers: { "content-type": contentType }, limits: { fieldSize: body.length + 1 } });
    // A part named "" comes out without a name, which React cannot take either.
    let unnamed = false;
    parser.on("field", (/** @type {string | undefined} */ name, /** @type {string} */ value) => {
      if (name === undefined) unnamed = true;
      else fields.push([name, value]);
    });
    parser.on("file", (/** @type {string | undefined} */ name, /** @type {import("node:stream").Readable} */ stream) => {
      if (name === undefined) unnamed = true;
      else fields.push([name, FILE]);
      stream.resume();
    });
    parser.on("error", () => resolve("malformed-multipart"));
    parser.on("close", () => resolve(unnamed ? "malformed-multipart" : fields));
    try {
      parser.end(body);
    } catch {
      // This busboy throws, rather than emitting an error, on a part with no name parameter.
      resolve("malformed-multipart");
    }
  });
}

/**
 * Why React's reply decoder (decodeReply, decodeReplyFromBusboy, decodeAction in
 * react-server-dom-webpack) would fail on these fields, or null. The arguments are JSON in part
 * `${prefix}0`; a string starting with "$" is special: "$1" (or "$1:key:key", a path into it),
 * "$Q1" (Map), "$W1" (Set), "$i1" (iterator) and "$h1" (server reference) name another part by
 * its hex id; "$B1" and typed arrays ("$A1", "$o1"…) a file part; "$K1" is the FormData of the
 * fields named "_1_…"; "$@1" a Promise of part 1, decoded only when awaited; "$$…" an escaped
 * "$". Checked: every part reached parses as JSON, every reference finds its part (and its
 * path), Maps, Sets and iterators get an array once, BigInts parse, temporary references ("$T")
 * stand where React can name their place, and nesting, counting each reference as a level,
 * stays within REPLY_DEPTH_LIMIT. Whether a "$h" part names a real action is left to Next.js.
 * @param {Field[]} fields
 * @param {string} prefix
 * @param {"reply" | "streamed-reply" | "form-action"} shape
 *   "streamed-reply": decoded as busboy emits the fields (a fetch action's multipart body). The
 *   root is decoded the moment it arrives, so what it refers to must come before it, and a
 *   later field with a part's number would be handed to that decoded part (a TypeError in
 *   React). React's client sends the root last unless an argument is a Promise or a stream,
 *   which none of our actions takes.
 *   "form-action": the root is a no-JavaScript form's {id, bound}; React awaits the bound
 *   arguments at once and needs an array of at most 1,000.
 * @returns {BodyProblem | null}
 */
export function replyProblem(fields, prefix, shape) {
  const streamed = shape === "streamed-reply";
  /** @type {Map<string, string>} */
  const strings = new Map();
  /** @type {Set<string>} */
  const files = new Set();
  /** @type {string | undefined} */
  let root;
  for (const [name, value] of fields) {
    if (streamed && root !== undefined) {
      if (value !== FILE && !Number.isNaN(partNumber(name))) return { status: 400, reason: "part-after-root" };
    } else if (value === FILE) files.add(name);
    else if (streamed && partNumber(name) === 0) root = value;
    else strings.set(name, value);
  }
  if (!streamed) root = strings.get(`${prefix}0`);
  try {
    const check = new ReplyCheck(strings, files, prefix, root, shape !== "form-action");
    check.partDepth(0, 0);
    if (shape === "form-action") check.boundArguments();
    else check.awaitedRoot();
    return null;
  } catch (error) {
    if (error instanceof Refused) return { status: 400, reason: error.message };
    throw error;
  }
}

/** The part a streamed field resolves in React: `+name`, or `+rest` for "S" (stream) rows. */
const partNumber = (/** @type {string} */ name) => (name[0] === "S" ? (name.length > 1 ? +name.slice(1) : NaN) : +name);

class Refused extends Error {}

/** The tags React's parseModelString knows; any other "$…" names a part to revive in place. */
export const TAGS = "$@hHTQWKiIN-uDnAOoUSsLlGgMmVBRrXx";
const TYPED_ARRAY_TAGS = "AOoUSsLlGgMmV";
/** Tags that revive to an object, so they may be Map entries. */
const OBJECT_TAGS = "@hQWKiDAOoUSsLlGgMmVBRrXx";
const isPartReference = (/** @type {string} */ value) => value.length < 2 || !TAGS.includes(value[1] ?? "");
const hexId = (/** @type {string} */ text) => parseInt(text, 16);

class ReplyCheck {
  /**
   * @param {Map<string, string>} strings @param {Set<string>} files @param {string} prefix
   * @param {string | undefined} root
   * @param {boolean} temporaryReferences whether Next.js gives React a set for them (fetch actions only)
   */
  constructor(strings, files, prefix, root, temporaryReferences) {
    this.strings = strings;
    this.files = files;
    this.prefix = prefix;
    this.root = root;
    this.temporaryReferences = temporaryReferences;
    /** @type {Map<number, unknown>} each part's parsed JSON */
    this.parts = new Map();
    /** @type {Map<number, number>} how many levels each part adds below where it is used */
    this.heights = new Map();
    /** @type {Set<unknown>} arrays already made into a Map, Set or iterator (React refuses a second time) */
    this.consumed = new Set();
    /** @type {Set<string>} path references being followed */
    this.following = new Set();
    /** @type {Map<string, unknown>} where each reference lands, so that many copies cost one walk */
    this.targets = new Map();
  }

  /** @param {number} id */
  part(id) {
    if (!this.parts.has(id)) {
      const text = id === 0 ? this.root : this.strings.get(`${this.prefix}${id}`);
      if (text === undefined) throw new Refused("dangling-reference");
      try {
        this.parts.set(id, JSON.parse(text));
      } catch {
        throw new Refused("not-json");
      }
    }
    return this.parts.get(id);
  }

  /**
   * The deepest level part `id` reaches when used at `level`. A cycle adds nothing: React waits on it.
   * @param {number} id @param {number} level @returns {number}
   */
  partDepth(id, level) {
    let height = this.heights.get(id);
    if (height === undefined) {
      this.heights.set(id, 0);
      height = this.measure(this.part(id), level) - level;
      this.heights.set(id, height);
    }
    if (level + height > REPLY_DEPTH_LIMIT) throw new Refused("too-deep");
    return level + height;
  }

  /**
   * The deepest level reached inside `value`, which sits at `level`. `keyed`: React can name
   * the value's place (no key on the way has a ":"), which a temporary reference ("$T") needs.
   * @param {unknown} value @param {number} level @param {boolean} keyed @returns {number}
   */
  measure(value, level, keyed = true) {
    if (level > REPLY_DEPTH_LIMIT) throw new Refused("too-deep");
    if (typeof value === "string" && value[0] === "$") return this.reference(value, level, keyed);
    if (value === null || typeof value !== "object") return level;
    let deepest = level + 1;
    for (const [key, child] of Object.entries(value)) {
      deepest = Math.max(deepest, this.measure(child, level + 1, keyed && (Array.isArray(value) || !key.includes(":"))));
    }
    return deepest;
  }

  /**
   * Checks one "$" string as React's parseModelString would read it.
   * @param {string} value @param {number} level @param {boolean} keyed @returns {number}
   */
  reference(value, level, keyed) {
    const tag = value[1] ?? "";
    const rest = value.slice(2);
    if (isPartReference(value)) return this.outlined(value.slice(1), level);
    if (tag === "h") return this.outlined(rest, level);
    if (tag === "Q" || tag === "W" || tag === "i") {
      const initializer = this.target(rest);
      if (!Array.isArray(initializer) || this.consumed.has(initializer)) throw new Refused("bad-initializer");
      if (tag === "Q" && !initializer.every(isEntry)) throw new Refused("bad-initializer");
      this.consumed.add(initializer);
      return this.outlined(rest, level);
    }
    if (tag === "B" || TYPED_ARRAY_TAGS.includes(tag)) {
      if (!this.files.has(`${this.prefix}${hexId(rest)}`)) throw new Refused("dangling-reference");
    }
    if (tag === "n" && !isBigInt(rest)) throw new Refused("bad-bigint");
    if (tag === "T" && !(keyed && this.temporaryReferences)) throw new Refused("bad-temporary-reference");
    return level;
  }

  /**
   * Next.js awaits the root: when it is a Promise ("$@n") that part must decode too, and a
   * "then" that is a temporary reference would be called.
   */
  awaitedRoot() {
    let value = this.part(0);
    for (let hops = 1; typeof value === "string" && value.startsWith("$@"); hops++) {
      const id = hexId(value.slice(2));
      this.partDepth(id, hops);
      value = this.part(id);
    }
    const then = value !== null && typeof value === "object" ? /** @type {Record<string, unknown>} */ (value).then : undefined;
    if (typeof then === "string" && then.startsWith("$T")) throw new Refused("bad-temporary-reference");
  }

  /**
   * A no-JavaScript form's action reference {id, bound}: React's client sends bound as null or
   * as "$@n", a Promise of part n, an array of the arguments. React awaits it at once and reads
   * its length (at most 1,000); anything else (null, a reference that cycles back) fails there.
   */
  boundArguments() {
    const action = /** @type {{ id?: unknown, bound?: unknown } | null} */ (this.part(0));
    if (action === null || typeof action !== "object" || typeof action.id !== "string") throw new Refused("bad-action");
    const { bound } = action;
    if (bound === null) return;
    if (typeof bound === "string" && bound.startsWith("$@")) {
      const id = hexId(bound.slice(2));
      this.partDepth(id, 1);
      const args = this.part(id);
      if (Array.isArray(args) && args.length <= 1000) return;
    }
    throw new Refused("bad-action");
  }

  /**
   * A reference "id:key:key…" to part `id` (and a path into it), used at `level`.
   * @param {string} reference @param {number} level @returns {number}
   */
  outlined(reference, level) {
    this.target(reference);
    return this.partDepth(hexId(reference), level + 1);
  }

  /**
   * The raw value a reference "id:key:key…" lands on. React walks paths through plain arrays and objects only.
   * @param {string} reference @returns {unknown}
   */
  target(reference) {
    if (this.targets.has(reference)) return this.targets.get(reference);
    const [id = "", ...path] = reference.split(":");
    let value = this.part(hexId(id));
    for (const key of path) {
      const container = this.revived(value);
      if (container === null || typeof container !== "object" || !Object.hasOwn(container, key) || removed(container, key)) {
        throw new Refused("dangling-reference");
      }
      value = /** @type {Record<string, unknown>} */ (container)[key];
    }
    const target = /** @type {unknown} */ (this.revived(value));
    this.targets.set(reference, target);
    return target;
  }

  /**
   * What a raw JSON value stands for once React revives it, as far as a path can walk into it.
   * @param {unknown} value @returns {unknown}
   */
  revived(value) {
    if (typeof value !== "string" || value[0] !== "$") return value;
    if (!isPartReference(value)) return value[1] === "$" ? value.slice(1) : OPAQUE;
    if (this.following.has(value)) return OPAQUE;
    if (this.following.size >= REPLY_DEPTH_LIMIT) throw new Refused("too-deep");
    this.following.add(value);
    try {
      return this.target(value.slice(1));
    } finally {
      this.following.delete(value);
    }
  }
}

/** A Map, Set, Date, Promise…: nothing a path can walk into. */
const OPAQUE = Symbol("opaque");

/** React deletes "__proto__" and keys whose value revives to undefined ("$undefined", "$H…") from objects. */
function removed(/** @type {object} */ container, /** @type {string} */ key) {
  if (Array.isArray(container)) return false;
  const value = /** @type {Record<string, unknown>} */ (container)[key];
  return key === "__proto__" || (typeof value === "string" && (value.startsWith("$u") || value.startsWith("$H")));
}

/** new Map() needs an object for each entry. */
function isEntry(/** @type {unknown} */ value) {
  if (typeof value === "string" && value[0] === "$") return isPartReference(value) || OBJECT_TAGS.includes(value[1] ?? "");
  return value !== null && typeof value === "object";
}

/** React parses "$n…" with BigInt() and refuses more than 300 digits. */
function isBigInt(/** @type {string} */ digits) {
  try {
    return digits.length <= 300 && typeof BigInt(digits) === "bigint";
  } catch {
    return false;
  }
}
