/**
 * Picklist values written the way other systems and people write them, read as our options:
 * countries by name or alias in English, Swedish, German, French, Spanish and Arabic ("Sverige",
 * "Deutschland", "UK", "United States") as ISO 3166 alpha-2 codes; currencies by name, code or
 * symbol ("US Dollar", "$", "kr", "€") as ISO 4217 codes; customer types in several languages.
 * Names come from the platform's own ICU data (Intl.DisplayNames: Node 20 and Chromium ship full
 * ICU), so no country or currency list is hand-typed; only aliases ICU does not give are listed.
 */

/** The languages whose country and currency names are recognised. */
export const NAME_LANGUAGES = ["en", "sv", "de", "fr", "es", "ar"] as const;

/** Lower case, accents and dots dropped, spaces collapsed, a leading "the" removed. */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.\u2019'’]/g, "")
    .replace(/[\s\-_,()]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/**
 * Country names ICU does not give (short forms, old names, other spellings). Sources: the ISO 3166
 * Maintenance Agency's notes on former names (https://www.iso.org/iso-3166-country-codes.html) and
 * the usual abbreviations (UK, USA, UAE, KSA).
 */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: "GB",
  "great britain": "GB",
  britain: "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  storbritannien: "GB",
  "reino unido": "GB",
  usa: "US",
  us: "US",
  "united states of america": "US",
  america: "US",
  "amerikas forenta stater": "US",
  "vereinigte staaten von amerika": "US",
  "estados unidos de america": "US",
  eeuu: "US",
  "ee uu": "US",
  holland: "NL",
  "czech republic": "CZ",
  tjeckien: "CZ",
  "south korea": "KR",
  korea: "KR",
  "republic of korea": "KR",
  russia: "RU",
  turkey: "TR",
  turkiet: "TR",
  "ivory coast": "CI",
  swaziland: "SZ",
  burma: "MM",
  macedonia: "MK",
  uae: "AE",
  emirates: "AE",
  ksa: "SA",
  الامارات: "AE",
  السعودية: "SA",
  امريكا: "US",
};

/** Currency symbols and everyday names ICU does not give as names. "kr" alone is read as SEK. */
const CURRENCY_ALIASES: Readonly<Record<string, string>> = {
  $: "USD",
  us$: "USD",
  dollar: "USD",
  dollars: "USD",
  "us dollars": "USD",
  "€": "EUR",
  euro: "EUR",
  euros: "EUR",
  "£": "GBP",
  pound: "GBP",
  pounds: "GBP",
  "pound sterling": "GBP",
  sterling: "GBP",
  "¥": "JPY",
  yen: "JPY",
  kr: "SEK",
  skr: "SEK",
  kronor: "SEK",
  "svenska kronor": "SEK",
  "swedish kronor": "SEK",
  "norska kronor": "NOK",
  "norwegian kroner": "NOK",
  "danska kronor": "DKK",
  "danish kroner": "DKK",
  ca$: "CAD",
  c$: "CAD",
  a$: "AUD",
  au$: "AUD",
  nz$: "NZD",
  chf: "CHF",
  sfr: "CHF",
  "₹": "INR",
  "₩": "KRW",
  zł: "PLN",
  zl: "PLN",
  r$: "BRL",
  "﷼": "SAR",
  "ر س": "SAR",
};

/** Customer types in the systems' and languages' own words (Odoo writes Company / Individual). */
const TYPE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
    "company",
    "business",
    "organisation",
    "organization",
    "corporate",
    "b2b",
    "legal entity",
    "foretag",
    "bolag",
    "juridisk person",
    "firma",
    "unternehmen",
    "entreprise",
    "societe",
    "empresa",
    "شركة",
  ].map((w) => [w, "Company"]),
  ...[
    "individual",
    "person",
    "private",
    "private person",
    "privatperson",
    "privat",
    "consumer",
    "b2c",
    "natural person",
    "fysisk person",
    "privatkund",
    "privatkunde",
    "einzelperson",
    "particulier",
    "particular",
    "persona fisica",
    "فرد",
  ].map((w) => [w, "Individual"]),
]);

type Table = Map<string, string>;
const tables: { country?: Table; currency?: Table } = {};

/** Every language's display name of every code, folded, first language first on a clash. */
function namesOf(
  type: "region" | "currency",
  codes: readonly string[],
  aliases: Record<string, string>,
): Table {
  const t: Table = new Map();
  for (const [k, v] of Object.entries(aliases)) t.set(foldName(k), v);
  for (const code of codes) t.set(code.toLowerCase(), code);
  for (const lang of NAME_LANGUAGES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([lang], { type, fallback: "none" });
    } catch {
      continue;
    }
    for (const code of codes) {
      const name = names.of(code);
      if (!name) continue;
      const key = foldName(name);
      if (!t.has(key)) t.set(key, code);
    }
  }
  return t;
}

/** The ISO 3166 alpha-2 code a country name, alias or code means, among `codes`; undefined if none. */
export function countryCodeOf(text: string, codes: readonly string[]): string | undefined {
  tables.country ??= namesOf("region", codes, COUNTRY_ALIASES);
  const hit = tables.country.get(foldName(text));
  return hit && codes.includes(hit) ? hit : undefined;
}

const allCurrencies = (): readonly string[] => {
  try {
    return Intl.supportedValuesOf("currency");
  } catch {
    return [];
  }
};

/** The ISO 4217 code a currency name, symbol or code means; undefined if none. */
export function currencyCodeOf(text: string): string | undefined {
  tables.currency ??= namesOf("currency", allCurrencies(), CURRENCY_ALIASES);
  const folded = foldName(text);
  return tables.currency.get(folded) ?? tables.currency.get(folded.replace(/s$/, ""));
}

/** Company or Individual for a customer type in other words; undefined if none. */
export const customerTypeOf = (text: string): string | undefined => TYPE_ALIASES[foldName(text)];
