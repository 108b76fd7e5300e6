import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * The Equipment sheet (issue 15): its records live in `records` like the other sheets' (no new
 * table). Partial expression indexes on the references a piece of equipment holds, its customer and
 * its site, so a revert finds what refers to a customer or a site it would delete with an index
 * probe (as migration 0011 did for contacts, sites and branches). Partial: equipment without a site
 * adds no entry to the site's index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create index records_equipment_customer on records ((values->>'customer')) where sheet = 'equipment';
    create index records_equipment_site on records ((values->>'site'))
      where sheet = 'equipment' and (values->>'site') is not null
  `,
  );
}
