import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionBodyProblem, REPLY_DEPTH_LIMIT, TAGS } from "./action-body.mjs";
import captured from "./fixtures/form-posts.json";
import { actionKind } from "./request-guard.mjs";

const BOUNDARY = "----guardtest";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body; a part whose value is { file } is sent as a file. */
function multipart(parts: [string, string | { file: string }][], { end = true } = {}) {
  const body = parts
    .map(([name, value]) =>
      typeof value === "string"
        ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
        : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\n${value.file}\r\n`,
    )
    .join("");
  return body + (end ? `--${BOUNDARY}--\r\n` : "");
}

/** The guard's verdict on a POST with these headers and body, as the server would ask for it. */
function check(headers: Record<string, string>, body: string) {
  const kind = actionKind(headers);
  if (!kind) throw new Error("not a server-action request");
  return actionBodyProblem(kind, headers["content-type"] ?? "", Buffer.from(body));
}

const ACTION = "7f0123456789abcdef0123456789abcdef01234567";
const fetchAction = (body: string, contentType = MULTIPART) => check({ "next-action": ACTION, "content-type": contentType }, body);
const formPost = (body: string, contentType = MULTIPART) => check({ "content-type": contentType }, body);
/** A no-JavaScript post of a useActionState form: the action reference, its bound state, the fields. */
const noJsForm = (parts: [string, string][] = [["$ACTION_1:1", "[{}]"]], bound = "$@1") =>
  multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id: ACTION, bound })], ...parts, ["$ACTION_KEY", "k1"], ["email", "a@example.com"]]);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("server-action bodies from our own forms", () => {
  it.each(captured.posts)("lets through: $name", async (post) => {
    const headers = { "content-type": post.contentType, ...(post.nextAction && { "next-action": ACTION }) };
    expect(await check(headers, post.body)).toBeNull();
  });

  it("lets through what React's client sends beyond our forms: a repeated object, Maps, escapes, files", async () => {
    expect(await fetchAction(multipart([["0", '[{"a":{"b":1}},"$0:0:a"]']]))).toBeNull();
    expect(await fetchAction(multipart([["1", '[["k","v"]]'], ["2", '["x"]'], ["3", { file: "hi" }], ["0", '["$Q1","$W2","$B3","$$1","$D2026-01-01T00:00:00.000Z","$n12"]']]))).toBeNull();
    expect(await fetchAction(nested(REPLY_DEPTH_LIMIT), "text/plain;charset=UTF-8")).toBeNull();
  });
});

describe("server-action bodies Next.js or React would answer with a 500 are refused with a 400", () => {
  const refused = (reason: string) => ({ status: 400, reason });

  it("a multipart body with a boundary it does not use, or without one", async () => {
    const body = multipart([["0", "[]"]]);
    expect(await fetchAction(body, "multipart/form-data; boundary=other")).toEqual(refused("malformed-multipart"));
    expect(await formPost(body, "multipart/form-data; boundary=other")).toEqual(refused("malformed-multipart"));
    expect(await fetchAction(body, "multipart/form-data")).toEqual(refused("bad-boundary"));
    expect(await formPost(body, "multipart/form-data; boundary=")).toEqual(refused("bad-boundary"));
  });

  it("a truncated multipart body", async () => {
    expect(await fetchAction(multipart([["0", "[]"]], { end: false }))).toEqual(refused("malformed-multipart"));
    expect(await formPost(noJsForm().slice(0, -40))).toEqual(refused("malformed-multipart"));
  });

  it("a part without a name", async () => {
    expect(await fetchAction(multipart([["", "x"], ["0", "[]"]]))).toEqual(refused("malformed-multipart"));
  });

  it("a text body that is not JSON", async () => {
    expect(await fetchAction("not json", "text/plain;charset=UTF-8")).toEqual(refused("not-json"));
  });

  it("a reference to a part that is not there", async () => {
    expect(await fetchAction('["$1"]', "text/plain;charset=UTF-8")).toEqual(refused("dangling-reference"));
    expect(await fetchAction(multipart([["0", '["$1"]']]))).toEqual(refused("dangling-reference"));
    expect(await fetchAction(multipart([["0", '[{},"$Q1"]']]))).toEqual(refused("dangling-reference"));
    expect(await fetchAction(multipart([["0", '["$B1"]']]))).toEqual(refused("dangling-reference"));
    expect(await fetchAction(multipart([["1", "[]"]]))).toEqual(refused("dangling-reference"));
    expect(await formPost(noJsForm([]))).toEqual(refused("dangling-reference"));
  });

  it("a path to a key that is not there", async () => {
    expect(await fetchAction(multipart([["1", '{"a":1}'], ["0", '["$1:b"]']]))).toEqual(refused("dangling-reference"));
    expect(await fetchAction(multipart([["0", '[{"a":"$undefined"},"$0:0:a"]']]))).toEqual(refused("dangling-reference"));
  });

  it("a part that arrives after the root (React decodes the root as soon as it arrives)", async () => {
    expect(await fetchAction(multipart([["0", '["$Q1"]'], ["1", "[]"]]))).toEqual(refused("part-after-root"));
    expect(await fetchAction(multipart([["0", "[]"], ["0", "[]"]]))).toEqual(refused("part-after-root"));
  });

  it(`nesting deeper than ${REPLY_DEPTH_LIMIT}, however it is built`, async () => {
    expect(await fetchAction(nested(5_000), "text/plain;charset=UTF-8")).toEqual(refused("too-deep"));
    expect(await fetchAction(multipart([["0", nested(5_000)]]))).toEqual(refused("too-deep"));
    expect(await fetchAction(nested(REPLY_DEPTH_LIMIT + 1), "text/plain;charset=UTF-8")).toEqual(refused("too-deep"));
    const chain = Array.from({ length: 200 }, (_, i): [string, string] => [String(i + 1), `["$${(i + 2).toString(16)}"]`]);
    expect(await fetchAction(multipart([...chain.reverse(), ["0", '["$1"]']]))).toEqual(refused("too-deep"));
  });

  it("values React cannot build: a Map from a non-array, a BigInt that is not a number, a bad temporary reference", async () => {
    expect(await fetchAction(multipart([["1", "{}"], ["0", '["$Q1"]']]))).toEqual(refused("bad-initializer"));
    expect(await fetchAction(multipart([["1", "[[1,2]]"], ["0", '["$Q1","$Q1"]']]))).toEqual(refused("bad-initializer"));
    expect(await fetchAction('["$nzz"]', "text/plain;charset=UTF-8")).toEqual(refused("bad-bigint"));
    expect(await fetchAction('{"then":"$T"}', "text/plain;charset=UTF-8")).toEqual(refused("bad-temporary-reference"));
    expect(await formPost(noJsForm([["$ACTION_1:1", '["$T"]']]))).toEqual(refused("bad-temporary-reference"));
  });

  it("a no-JavaScript form whose action reference or bound arguments React cannot use", async () => {
    expect(await formPost(noJsForm([["$ACTION_1:1", "null"]]))).toEqual(refused("bad-action"));
    expect(await formPost(noJsForm([["$ACTION_1:1", "{}"]]))).toEqual(refused("bad-action"));
    expect(await formPost(noJsForm([["$ACTION_1:1", "not json"]]))).toEqual(refused("not-json"));
    expect(await formPost(multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", "[]"]]))).toEqual(refused("bad-action"));
  });
});

describe("the reply format the guard reads", () => {
  it("has exactly the tags of the React decoder that Next.js ships (update the guard when React moves)", () => {
    const decoder = readFileSync(createRequire(import.meta.url).resolve("next/dist/compiled/react-server-dom-webpack/cjs/react-server-dom-webpack-server.node.production.js"), "utf8");
    const parseModelString = decoder.slice(decoder.indexOf("function parseModelString("), decoder.indexOf("function createResponse("));
    const tags = [...parseModelString.matchAll(/case "(.)":/g)].map((match) => match[1]);
    expect(tags.sort()).toEqual([...TAGS].sort());
  });
});
