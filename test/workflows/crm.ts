import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createCrmClient, type CrmClient } from "../../src/client";
import { createOrganisation } from "../../src/server/services/provision";
import { startHarness, type Harness } from "../server/harness";

/** The real CRM API on PGlite, listening on a local port, and a client per fresh organisation. */
export interface LiveCrm {
  harness: Harness;
  baseUrl: string;
  newClient(): Promise<CrmClient>;
  close(): Promise<void>;
}

export async function startCrm(): Promise<LiveCrm> {
  const harness = await startHarness();
  await harness.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = harness.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    harness,
    baseUrl,
    newClient: async () => {
      const p = await createOrganisation(harness.db, `Org ${randomBytes(5).toString("hex")}`);
      return createCrmClient({ baseUrl, token: p.token, retries: 0 });
    },
    close: () => harness.close(),
  };
}
