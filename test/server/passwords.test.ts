// Passwords: scrypt with OWASP's cost by default, a salt per hash, compared in constant time.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/server/services/passwords";

const cheap = { log2N: 12, r: 8, p: 1 };

describe("password hashes", () => {
  it("use scrypt with N = 2^17, r = 8, p = 1 unless told otherwise, and verify", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  }, 60_000);

  it("salt every hash, so one password hashes twice to two different values", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password", cheap),
      hashPassword("same password", cheap),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("refuse a wrong password, a tampered hash, a hash of another kind and a missing user", async () => {
    const stored = await hashPassword("the real one, long", cheap);
    expect(await verifyPassword("the real one, lonG", stored)).toBe(false);
    // The hash's first character: every one of its bits counts (the last one's low bits are base64
    // padding, so changing it can leave the decoded bytes as they were).
    const tampered = stored.replace(
      /\$(.)([\w-]{42})$/,
      (_, c: string, rest: string) => `$${c === "A" ? "B" : "A"}${rest}`,
    );
    expect(tampered).not.toBe(stored);
    expect(await verifyPassword("the real one, long", tampered)).toBe(false);
    expect(await verifyPassword("x", "$2b$10$abcdefghijklmnopqrstuv")).toBe(false);
    expect(await verifyPassword("the real one, long", stored.replace("scrypt$12", "scrypt$30"))).toBe(false);
    expect(await verifyPassword("anything", null, cheap)).toBe(false);
  });
});
