// The sign-in dialog's page: what it does with the address it was opened (or sent back) with.
import { describe, expect, it } from "vitest";
import { authorizeTarget, clearAddress, resultOf } from "../../src/excel/auth-dialog";

/** History as a browser has it: the method on the prototype. */
class FakeHistory {
  calls: unknown[][] = [];
  replaceState(...args: unknown[]): void {
    this.calls.push(args);
  }
}

describe("the sign-in dialog's page", () => {
  it("clears the code from the address although office.js blanked history.replaceState", () => {
    const history = new FakeHistory();
    // What office.js does when it loads (office.js: `window.history.replaceState=b` with b null).
    Object.assign(history, { replaceState: null, pushState: null });
    const location = { pathname: "/auth-dialog.html", search: "?code=c&state=s" };
    clearAddress({ history, location } as unknown as Window);
    expect(history.calls).toEqual([[null, "", "/auth-dialog.html"]]);
  });

  it("does not throw when no history can be changed (the answer to the pane still goes)", () => {
    const history = Object.create(null) as History;
    expect(() => clearAddress({ history, location: { pathname: "/" } } as unknown as Window)).not.toThrow();
  });

  it("follows only an https (or local http) authorize page, and reads the code or the error", () => {
    const to = (url: string) => `?authorize=${encodeURIComponent(url)}`;
    expect(authorizeTarget(to("https://crm.example/oauth/authorize?x=1"))).toBe(
      "https://crm.example/oauth/authorize?x=1",
    );
    expect(authorizeTarget(to("http://127.0.0.1:3000/oauth/authorize"))).not.toBeNull();
    expect(authorizeTarget(to("http://crm.example/oauth/authorize"))).toBeNull();
    expect(authorizeTarget(to("https://crm.example/elsewhere"))).toBeNull();
    expect(authorizeTarget(to("javascript:alert(1)//oauth/authorize"))).toBeNull();
    expect(resultOf("?code=c&state=s")).toEqual({ code: "c", state: "s" });
    expect(resultOf("?error=access_denied&state=s")).toEqual({ error: "access_denied", state: "s" });
    expect(resultOf("")).toEqual({ error: "no_code" });
  });
});
