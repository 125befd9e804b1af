import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("the security log", () => {
  it("writes one JSON line per event with its time, event name and fields", () => {
    const { logger, lines } = capture();
    logger.info({ event: "signin.failure", ip: "203.0.113.9", userId: "u1" }, "signin.failure");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: "signin.failure", ip: "203.0.113.9", userId: "u1", level: 30 });
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("never writes passwords or tokens, even nested", () => {
    const { logger, lines } = capture();
    logger.info({ event: "x", password: "hunter2 secret", token: "abc", form: { password: "p", token: "t" } }, "x");
    const line = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", '"abc"', '"p"', '"t"']) expect(line).not.toContain(secret);
    expect(line).toContain("[redacted]");
  });
});
