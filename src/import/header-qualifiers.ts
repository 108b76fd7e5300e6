/**
 * The words exports put around a field's name: "Billing City", "Account Phone", "Address 1: City",
 * "Organization - Name", "Person - Email - Work". Some only say whose value it is and can be dropped
 * (on the customer's side: billing, main, account, company...); some say it is NOT the customer's
 * value (shipping, delivery, a second address, a person's): such a header is never mapped by its rest.
 */
import type { SheetName } from "../domain";

/** Words that only qualify the customer's own value: dropped before matching. */
const CUSTOMER_SIDE = new Set([
  "billing",
  "bill",
  "mailing",
  "primary",
  "main",
  "account",
  "company",
  "organization",
  "organisation",
  "org",
  "business",
  "work",
  "office",
  "invoice",
  "default",
  "1",
]);

/** Words that name a person's value: dropped on Contacts, a stop on Customers and Sites. */
const PERSON_SIDE = new Set(["person", "contact", "people", "kontakt", "kontaktperson", "personne"]);

/** Words that say the value is someone else's or another address: never the customer's. */
const OTHER_SIDE = new Set([
  "shipping",
  "ship",
  "delivery",
  "deliver",
  "leverans",
  "liefer",
  "livraison",
  "envio",
  "envío",
  "visiting",
  "other",
  "secondary",
  "home",
  "private",
  "fax",
  "2",
  "3",
]);

/** Words that make a header an identifier of another system's record, never ours. */
const FOREIGN_ID = new Set(["id", "guid", "uuid", "sfid", "zcrm", "hsobjectid", "recordid"]);

export interface QualifiedHeader {
  /** The header's words with the dropped qualifiers removed, joined as normaliseHeader joins them. */
  core: string;
  /** Why the header can never be one of this sheet's fields by its words, or null. */
  stop: "otherSide" | "personSide" | "foreignId" | null;
  /** Whether any qualifier was dropped. */
  stripped: boolean;
}

/** The header's words without the qualifiers that only say whose value it is, on this sheet. */
export function qualifyHeader(tokens: readonly string[], sheet: SheetName): QualifiedHeader {
  let stop: QualifiedHeader["stop"] = null;
  const kept: string[] = [];
  for (const t of tokens) {
    if (FOREIGN_ID.has(t)) stop = "foreignId";
    else if (OTHER_SIDE.has(t)) stop ??= "otherSide";
    else if (PERSON_SIDE.has(t)) {
      if (sheet !== "contacts") stop ??= "personSide";
    } else if (!CUSTOMER_SIDE.has(t) || (sheet === "contacts" && isOrganisationWord(t))) kept.push(t);
  }
  // "Address 1: City": "address" before another word only says which address.
  const core = kept.length > 1 && kept[0] === "address" ? kept.slice(1) : kept;
  return { core: core.join(""), stop, stripped: core.length < tokens.length };
}

/** On Contacts, "Company"/"Organization" name the customer the person works for: keep them. */
const isOrganisationWord = (t: string) =>
  t === "company" || t === "organization" || t === "organisation" || t === "account";
