import { describe, expect, it } from "vitest";
import { z } from "zod";
import { echoValues, fieldErrorsOf, readFields } from "@/lib/forms/form-state";

describe("readFields", () => {
  it("reads the named text fields and ignores the rest", () => {
    const form = new FormData();
    form.set("identifier", "alice");
    form.set("password", " secret ");
    form.set("extra", "ignored");
    expect(readFields(form, ["identifier", "password"] as const)).toEqual({ identifier: "alice", password: " secret " });
  });

  it("returns undefined for a missing field, and keeps an empty one as ''", () => {
    const form = new FormData();
    form.set("identifier", "");
    const fields = readFields(form, ["identifier", "remember"] as const);
    expect(fields.identifier).toBe("");
    expect(fields.remember).toBeUndefined();
    expect("remember" in fields).toBe(true);
  });

  it("takes only the first value of a repeated field", () => {
    const form = new FormData();
    form.append("username", "first");
    form.append("username", "second");
    form.append("username", "third");
    expect(readFields(form, ["username"] as const).username).toBe("first");
  });

  it("treats a File value as missing", () => {
    const form = new FormData();
    form.append("password", new File(["hunter2"], "password.txt", { type: "text/plain" }));
    form.append("avatar", new Blob(["x"]));
    const fields = readFields(form, ["password", "avatar"] as const);
    expect(fields.password).toBeUndefined();
    expect(fields.avatar).toBeUndefined();
  });

  it("treats a field whose first value is a File as missing even if a string follows", () => {
    const form = new FormData();
    form.append("username", new File(["x"], "x.txt"));
    form.append("username", "alice");
    expect(readFields(form, ["username"] as const).username).toBeUndefined();
  });
});

describe("echoValues", () => {
  it("clips values to 256 characters", () => {
    const long = "a".repeat(300);
    const values = echoValues({ identifier: long }, ["identifier"] as const);
    expect(values.identifier).toHaveLength(256);
    expect(values.identifier).toBe(long.slice(0, 256));
  });

  it("keeps values up to 256 characters intact", () => {
    const exact = "b".repeat(256);
    expect(echoValues({ x: exact }, ["x"] as const).x).toBe(exact);
    expect(echoValues({ x: "short" }, ["x"] as const).x).toBe("short");
  });

  it("echoes only the named fields, with '' for missing ones", () => {
    const values = echoValues({ identifier: "alice", password: "secret", remember: undefined }, [
      "identifier",
      "remember",
    ] as const);
    expect(values).toEqual({ identifier: "alice", remember: "" });
    expect(values).not.toHaveProperty("password");
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message per field", () => {
    const schema = z.object({
      username: z.string().min(3, "too short").regex(/^[a-z]+$/, "letters only"),
      email: z.email("bad email"),
    });
    const result = schema.safeParse({ username: "1", email: "nope" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.filter((i) => i.path[0] === "username")).toHaveLength(2);
    expect(fieldErrorsOf(result.error!)).toEqual({ username: "too short", email: "bad email" });
  });

  it("files issues without a path under 'form' and uses the first path segment for nested ones", () => {
    const error = new z.ZodError([
      { code: "custom", path: [], message: "form-wide problem" },
      { code: "custom", path: [], message: "second form-wide problem" },
      { code: "custom", path: ["address", "city"], message: "city required" },
      { code: "custom", path: ["address", "zip"], message: "zip required" },
    ]);
    expect(fieldErrorsOf(error)).toEqual({ form: "form-wide problem", address: "city required" });
  });

  it("returns an empty object for no issues", () => {
    expect(fieldErrorsOf(new z.ZodError([]))).toEqual({});
  });
});
