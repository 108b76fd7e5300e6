import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * The references records hold to other records, in a narrow table (issue 17's speed budget):
 * `record_references` (org, referring record, referenced record, kind: the field, `customer`,
 * `billingCustomer`, `headquarters` or `site`), one row per reference a contact, site, branch or
 * piece of equipment holds, written in the statement that writes the record
 * (`record-references.ts`). A revert's `referrersOf` probes its target index. It replaces the
 * partial expression indexes on `records.values` of migrations 0011 and 0013, which cost an index
 * entry for every record inserted and made every update of `values` write all of `records`' indexes
 * again (no HOT update). Backfilled from the stored records in one statement, before its indexes
 * are built.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table record_references (
      org_id text not null,
      record_id text not null,
      target_id text not null,
      kind text not null
    );
    insert into record_references (org_id, record_id, target_id, kind)
      select r.org_id, r.id, r.values->>f.kind, f.kind
      from (values ('contacts', 'customer'), ('sites', 'billingCustomer'), ('customers', 'headquarters'),
          ('equipment', 'customer'), ('equipment', 'site'))
        as f(sheet, kind)
      join records r on r.sheet = f.sheet
      where jsonb_typeof(r.values->f.kind) = 'string' and r.values->>f.kind <> '';
    alter table record_references add primary key (record_id, kind);
    create index record_references_target on record_references (target_id);
    drop index if exists records_contact_customer;
    drop index if exists records_site_billing;
    drop index if exists records_headquarters;
    drop index if exists records_equipment_customer;
    drop index if exists records_equipment_site
  `,
  );
}
