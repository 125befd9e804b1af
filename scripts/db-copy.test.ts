import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelsInOrder } from "./db-copy";

describe("db:copy's table order", () => {
  it("covers every model, each after the models it refers to, with its whole primary key to page by", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const order = modelsInOrder(schema);
    const names = order.map((model) => model.name);
    expect(names.toSorted()).toEqual([...schema.matchAll(/^model (\w+)/gm)].map((m) => m[1]).toSorted());
    for (const model of ["Account", "Session", "SingleUseLink", "TwoFactor", "RecoveryCode", "PendingSignIn", "Passkey", "KnownDevice"]) {
      expect(names.indexOf(model)).toBeGreaterThan(names.indexOf("User"));
    }
    expect(order.find((model) => model.name === "User")!.keys).toEqual(["id"]);
    // Composite keys in full, so that paging through them is a total order.
    expect(order.find((model) => model.name === "Account")!.keys).toEqual(["provider", "providerAccountId"]);
    expect(order.find((model) => model.name === "KnownDevice")!.keys).toEqual(["userId", "deviceHash"]);
  });

  it("refuses relations that form a cycle", () => {
    const cyclic = `model A {\n  id String @id\n  b B @relation(fields: [bId], references: [id])\n}\nmodel B {\n  id String @id\n  a A @relation(fields: [aId], references: [id])\n}\n`;
    expect(() => modelsInOrder(cyclic)).toThrow(/cycle/);
  });
});
