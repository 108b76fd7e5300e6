import type { Db } from "../repositories/organisations";
import { findRecordsByIds, updateRecords } from "../repositories/records";

/** After their entries are removed, the customers' opening balance and its date are blank again. */
export async function resetOpeningBalances(
  trx: Db,
  orgId: string,
  customerIds: readonly string[],
): Promise<void> {
  const customers = await findRecordsByIds(trx, orgId, "customers", customerIds);
  const changed = customers.map((c) => {
    const { openingBalance: _b, openingBalanceDate: _d, ...values } = c.values;
    return { id: c.id, version: c.version + 1, values };
  });
  await updateRecords(trx, orgId, "customers", changed);
}
