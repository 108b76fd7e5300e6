/**
 * Text the database cannot store, in every place a request carries text: a NUL character or a lone
 * surrogate half is a 400 naming the field (or the row and field), never a 500, and nothing is written.
 * Found by the hostile-client probe of issue 16: 25 of these places answered 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, key, openImport, startHarness, type Harness, type TestOrg } from "../server/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const BAD = { NUL: "\u0000", "lone surrogate": "\ud800", "lone low surrogate": "\udc00" } as const;

interface Ids {
  importId: string;
  customerId: string;
  userId: string;
  tokenId: string;
}

interface Probe {
  name: string;
  /** What the error message must name. */
  where: string;
  send(org: TestOrg, token: string, ids: Ids, bad: string): Promise<{ status: number; body: string }>;
}

/** Sends JSON text as it is, so a lone surrogate travels as its \ud800 escape. */
async function sendJson(
  token: string,
  method: "POST" | "PUT",
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await h.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body };
}

const rowsProbe = (name: string, where: string, row: (bad: string) => unknown): Probe => ({
  name,
  where,
  send: (_org, token, ids, bad) =>
    sendJson(
      token,
      "POST",
      `/api/v1/imports/${ids.importId}/rows`,
      { rows: [{ ref: "Customers!2", values: { name: "Fine AB", email: "fine@example.com" } }, row(bad)] },
      { "idempotency-key": key() },
    ),
});

const bodyProbe = (
  name: string,
  where: string,
  method: "POST" | "PUT",
  url: (ids: Ids) => string,
  body: (bad: string, ids: Ids) => unknown,
): Probe => ({
  name,
  where,
  send: (_org, token, ids, bad) => sendJson(token, method, url(ids), body(bad, ids)),
});

/** A NUL goes into a URL as %00; a lone surrogate has no UTF-8 form, so its CESU-8 bytes are sent. */
const inUrl = (bad: string) => (bad === "\u0000" ? "%00" : bad === "\ud800" ? "%ED%A0%80" : "%ED%B0%80");

const urlProbe = (
  method: "GET" | "POST" | "DELETE",
  where: string,
  url: (ids: Ids, bad: string) => string,
): Probe => ({
  name: `${method} ${url({ importId: ":id", customerId: ":id", userId: ":id", tokenId: ":id" }, "*")}`,
  where,
  send: async (_org, token, ids, bad) => {
    const res = await h.app.inject({
      method,
      url: url(ids, inUrl(bad)),
      headers: { authorization: `Bearer ${token}`, "idempotency-key": key() },
      ...(method === "POST" ? { payload: { rows: [{ ref: "r", values: { name: "X" } }] } } : {}),
    });
    return { status: res.statusCode, body: res.body };
  },
});

const customField = (over: Record<string, unknown>) => ({
  sheet: "customers",
  key: "cf_probe",
  label: "Probe",
  kind: "text",
  ...over,
});

const probes: Probe[] = [
  rowsProbe("a record value", 'row "Customers!3", field "name"', (b) => ({
    ref: "Customers!3",
    values: { name: `Acme${b} AB`, email: "a@example.com" },
  })),
  rowsProbe("a row's ref", "row 2 of the batch, ref", (b) => ({
    ref: `Customers!${b}3`,
    values: { name: "A" },
  })),
  rowsProbe("an unknown field's name", 'row "Customers!3", field "x\\u', (b) => ({
    ref: "Customers!3",
    values: { name: "A", [`x${b}`]: "1" },
  })),
  rowsProbe("a row's crmId", 'row "Customers!3", crmId', (b) => ({
    ref: "Customers!3",
    crmId: `cus_${b}`,
    values: { name: "A" },
  })),
  rowsProbe("a crmId among the values", 'row "Customers!3", field "crmId"', (b) => ({
    ref: "Customers!3",
    values: { crmId: `cus_${b}`, name: "A" },
  })),
  rowsProbe("a field to clear", 'row "Customers!3", clear[0]', (b) => ({
    ref: "Customers!3",
    values: { name: "A" },
    clear: [`phone${b}`],
  })),
  bodyProbe(
    "an import's source",
    "body.source",
    "POST",
    () => "/api/v1/imports",
    (b) => ({
      sheet: "customers",
      source: `Book${b}.xlsx`,
    }),
  ),
  ...(["accountManager", "campaign", "category"] as const).map((d) =>
    bodyProbe(
      `an import's default ${d}`,
      `body.defaults.${d}`,
      "POST",
      () => "/api/v1/imports",
      (b) => ({
        sheet: "customers",
        defaults: { [d]: `Spring${b}` },
      }),
    ),
  ),
  bodyProbe(
    "an import's match key",
    "body.matchKeys[0][0]",
    "POST",
    () => "/api/v1/imports",
    (b) => ({
      sheet: "customers",
      matchKeys: [[`email${b}`]],
    }),
  ),
  bodyProbe(
    "an import's notify e-mail",
    "body.notifyEmail",
    "POST",
    () => "/api/v1/imports",
    (b) => ({
      sheet: "customers",
      notifyEmail: `a${b}@example.com`,
    }),
  ),
  bodyProbe(
    "a user's name",
    "body.name",
    "POST",
    () => "/api/v1/users",
    (b) => ({
      name: `Ann${b}`,
      email: "ann@example.com",
      role: "viewer",
    }),
  ),
  bodyProbe(
    "a user's e-mail",
    "body.email",
    "POST",
    () => "/api/v1/users",
    (b) => ({
      name: "Ann",
      email: `ann${b}@example.com`,
      role: "viewer",
    }),
  ),
  bodyProbe(
    "a token's user id",
    "body.userId",
    "POST",
    () => "/api/v1/tokens",
    (b, ids) => ({
      userId: `${ids.userId}${b}`,
    }),
  ),
  bodyProbe(
    "a custom field's label",
    "body.label",
    "POST",
    () => "/api/v1/custom-fields",
    (b) => customField({ label: `Probe${b}` }),
  ),
  bodyProbe(
    "a custom field's option",
    "body.options[1]",
    "POST",
    () => "/api/v1/custom-fields",
    (b) => customField({ kind: "choice", options: ["One", `Two${b}`] }),
  ),
  bodyProbe(
    "a custom field's description",
    "body.description",
    "POST",
    () => "/api/v1/custom-fields",
    (b) => customField({ description: `Why${b}` }),
  ),
  bodyProbe(
    "a picklist value",
    "body.value",
    "POST",
    () => "/api/v1/picklists/category/values",
    (b) => ({
      value: `Gold${b}`,
    }),
  ),
  bodyProbe(
    "the closed period",
    "body.through",
    "PUT",
    () => "/api/v1/closed-period",
    (b) => ({
      through: `2025-12-3${b}`,
    }),
  ),
  urlProbe("GET", "query.after", (_i, b) => `/api/v1/customers?after=c${b}`),
  urlProbe("GET", "query.after", (_i, b) => `/api/v1/contacts?after=c${b}`),
  urlProbe("GET", "query.after", (_i, b) => `/api/v1/sites?after=c${b}`),
  urlProbe("GET", "query.before", (_i, b) => `/api/v1/imports?before=i${b}`),
  urlProbe("GET", "params.id", (i, b) => `/api/v1/customers/${i.customerId}${b}`),
  urlProbe("GET", "params.id", (_i, b) => `/api/v1/contacts/p${b}`),
  urlProbe("GET", "params.id", (_i, b) => `/api/v1/sites/s${b}`),
  urlProbe("GET", "params.id", (i, b) => `/api/v1/customers/${i.customerId}${b}/ledger`),
  urlProbe("GET", "params.id", (i, b) => `/api/v1/imports/${i.importId}${b}`),
  urlProbe("POST", "params.id", (i, b) => `/api/v1/imports/${i.importId}${b}/rows`),
  urlProbe("POST", "params.id", (i, b) => `/api/v1/imports/${i.importId}${b}/finish`),
  urlProbe("DELETE", "params.id", (i, b) => `/api/v1/imports/${i.importId}${b}/opening-balances`),
  urlProbe("DELETE", "params.id", (i, b) => `/api/v1/tokens/${i.tokenId}${b}`),
  {
    name: "the Idempotency-Key",
    where: "Idempotency-Key",
    send: async (_org, token, ids, bad) =>
      sendJson(
        token,
        "POST",
        `/api/v1/imports/${ids.importId}/rows`,
        { rows: [{ ref: "r", values: { name: "A" } }] },
        // A header travels as bytes: a NUL is the only one of these a header can hold.
        { "idempotency-key": `k${bad === "\u0000" ? bad : ""}` },
      ),
  },
];

async function arrange(): Promise<{ org: TestOrg; token: string; ids: Ids }> {
  const org = await h.org();
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
  const userId = users.items[0]!.id;
  const made = (await org.admin.post("/api/v1/tokens", { userId })).body as { id: string; token: string };
  const spare = (await org.admin.post("/api/v1/tokens", { userId })).body as { id: string };
  const importId = await openImport(org.admin, { sheet: "customers" });
  const seed = await org.admin.post(
    `/api/v1/imports/${importId}/rows`,
    { rows: [{ ref: "seed", values: { name: "Seed AB", email: "seed@example.com" } }] },
    { "idempotency-key": key() },
  );
  const customerId = (seed.body as { results: { crmId: string }[] }).results[0]!.crmId;
  return { org, token: made.token, ids: { importId, customerId, userId, tokenId: spare.id } };
}

describe("text the database cannot store", () => {
  it("is a 400 naming the field or the row and field, in every place, never a 500", async () => {
    const { org, token, ids } = await arrange();
    const seen: string[] = [];
    for (const probe of probes) {
      for (const [kind, bad] of Object.entries(BAD)) {
        if (probe.name === "the Idempotency-Key" && kind !== "NUL") continue;
        const res = await probe.send(org, token, ids, bad);
        seen.push(`${probe.name} (${kind}): ${res.status}`);
        // A lone surrogate has no UTF-8 form, so in a URL its bytes are just invalid UTF-8, which the
        // URL decoder refuses or replaces: any answer below 500 is right there.
        if (kind !== "NUL" && probe.name.includes("/api/v1/")) {
          expect([probe.name, kind, res.status < 500]).toEqual([probe.name, kind, true]);
          continue;
        }
        const error = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
        expect([probe.name, kind, res.status]).toEqual([probe.name, kind, 400]);
        expect([probe.name, kind, error.message]).toEqual([
          probe.name,
          kind,
          expect.stringContaining(probe.where),
        ]);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(31 * 3);
  });

  it("writes nothing of a batch holding one such cell, and the same batch without it goes through", async () => {
    const { token, ids, org } = await arrange();
    const rows = (name: string) => ({
      rows: [
        { ref: "Customers!2", values: { name: "Kept AB", email: "kept@example.com" } },
        { ref: "Customers!3", values: { name, email: "other@example.com" } },
      ],
    });
    const url = `/api/v1/imports/${ids.importId}/rows`;
    const refused = await sendJson(token, "POST", url, rows("Bad\u0000 AB"), { "idempotency-key": "same" });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        code: "invalid_text",
        message: expect.stringMatching(/^row "Customers!3", field "name": the text holds a NUL character/),
      },
    });
    const customers = (await client(h.app, token).get("/api/v1/customers")).body as { items: unknown[] };
    expect(customers.items).toHaveLength(1); // the seed only
    const sent = await sendJson(token, "POST", url, rows("Good AB"), { "idempotency-key": "same" });
    expect(sent.status).toBe(200);
    expect(((await org.admin.get("/api/v1/customers")).body as { items: unknown[] }).items).toHaveLength(3);
  });

  it("lets surrogate pairs (emoji) and every other character through", async () => {
    const { token, ids } = await arrange();
    const name = "👩‍💻 \u202eAB\u202c \u0001\u001f\ufffe\uffff\ue000 \u0378";
    const res = await sendJson(
      token,
      "POST",
      `/api/v1/imports/${ids.importId}/rows`,
      { rows: [{ ref: "r", values: { name, email: "emoji@example.com" } }] },
      { "idempotency-key": key() },
    );
    expect(res.status).toBe(200);
    const results = (JSON.parse(res.body) as { results: { outcome: string; crmId: string }[] }).results;
    expect(results[0]!.outcome).toBe("created");
  });
});
