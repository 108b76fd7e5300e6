// Test customer rows as Excel hands them to the add-in (strings, numbers, serial dates), for benches
// and tests. Deterministic for a seed. Generic: any consumer picks its size and share of bad rows.
import { baseCatalog } from "../src/domain";

export interface CustomerRowsOptions {
  rows: number;
  seed?: number;
  /** Share of rows made invalid on purpose (one defect each, several kinds). Default 0.1. */
  badShare?: number;
  /**
   * Share of rows whose Mobile is drawn from a pool of 300 numbers (a shared switchboard). Mobile is
   * not a default match key, so these repeats are not duplicates. Default 0.1.
   */
  repeatPhoneShare?: number;
  /** Share of rows that are locations of a multi-location company, pointing at a headquarters. Default 0.05. */
  hqShare?: number;
  /**
   * The script of names, streets, cities and notes: "latin" (default; Nordic and German city names,
   * otherwise ASCII), "accented" (most letters 2 bytes in UTF-8) or "cjk" (3 bytes each). The
   * 5 MB request limit of Excel on the web is in UTF-8 bytes, so the last is the heaviest text.
   */
  script?: Script;
}

export type Script = "latin" | "accented" | "cjk";
export const scripts: readonly Script[] = ["latin", "accented", "cjk"];

export interface CustomerRows {
  /** The template's header labels (all Customers fields but CRM ID: these are new customers). */
  header: string[];
  grid: unknown[][];
  /** Data row indexes that were made invalid, and how. */
  bad: Map<number, string>;
  picklists: Record<string, string[]>;
  closedPeriodThrough: string;
}

export const picklists: Record<string, string[]> = {
  category: ["Retail", "Wholesale", "Partner", "Prospect", "Public sector"],
  accountManager: ["Anna Berg", "Lars Holm", "Maria Lind", "John Smith"],
  campaign: ["Spring fair", "Webinar", "Referral", "Cold call"],
};

/** A small fast seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["Nordic", "Baltic", "Alpine", "Coastal", "Urban", "Green", "Bright", "Solid", "Rapid", "Blue"];
const NOUNS = [
  "Widgets",
  "Logistics",
  "Foods",
  "Design",
  "Metals",
  "Textiles",
  "Energy",
  "Software",
  "Tools",
];
const CITIES: Record<string, string[]> = {
  SE: ["Stockholm", "Göteborg", "Malmö"],
  DE: ["Berlin", "München", "Hamburg"],
  FR: ["Paris", "Lyon", "Nantes"],
  GB: ["London", "Leeds", "Bristol"],
  US: ["Boston", "Chicago", "Denver"],
  NO: ["Oslo", "Bergen", "Tromsø"],
};
/** Names, streets, cities and notes in the other scripts (same lengths of list as the latin ones). */
const TEXTS: Record<
  Exclude<Script, "latin">,
  { words: string[]; nouns: string[]; street: string; cities: string[]; note: string; office: string }
> = {
  accented: {
    words: [
      "Nördlïche",
      "Bâltïque",
      "Älpëne",
      "Côtière",
      "Ürbäné",
      "Grønnë",
      "Brïllânte",
      "Sôlïdé",
      "Råpïdë",
      "Blåé",
    ],
    nouns: [
      "Société Générale",
      "Lögïstïk",
      "Épïcerïe",
      "Désïgn",
      "Métaux",
      "Téxtïlés",
      "Énérgïe",
      "Lögïcïel",
      "Öütïls",
    ],
    street: "Östra Långgatan Élysée-Çà",
    cities: ["Zürich-Ærøskøbing", "Besançon-Škofja", "Łódź-Tromsø"],
    note: "Rencontré au salon d'été à Göteborg ; souhaite un devis détaillé, très intéressé.",
    office: "Bureau régional",
  },
  cjk: {
    words: [
      "北方精密",
      "波罗的海",
      "高山電機",
      "沿岸物産",
      "都市開発",
      "緑化産業",
      "光明化学",
      "堅実建設",
      "迅速物流",
      "青空通信",
    ],
    nouns: [
      "工業株式会社",
      "物流有限公司",
      "食品株式会社",
      "設計事務所",
      "金属工業",
      "繊維商事",
      "能源集团",
      "软件开发",
      "工具製作所",
    ],
    street: "千代田区丸の内一丁目二番三号",
    cities: ["東京都千代田区", "大阪府大阪市北区", "北京市朝阳区"],
    note: "春の展示会で面会しました。詳細な見積もりを希望しています。来月再度連絡予定。",
    office: "地域事務所",
  },
};

/** Country mix of the generated rows (cumulative). */
const COUNTRIES: [string, number][] = [
  ["SE", 0.4],
  ["DE", 0.55],
  ["FR", 0.65],
  ["GB", 0.8],
  ["US", 0.9],
  ["NO", 1],
];

const digits = (rnd: () => number, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += String(Math.floor(rnd() * 10));
  return s;
};

/** A realistic national phone number for the country, in one of the ways people type it. */
function phoneFor(country: string, rnd: () => number): string | number {
  const style = rnd();
  switch (country) {
    case "SE": {
      const n = `07${"036"[Math.floor(rnd() * 3)]}${digits(rnd, 7)}`;
      if (style < 0.3) return `${n.slice(0, 3)}-${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`;
      if (style < 0.5) return Number(n); // Excel dropped the leading zero
      if (style < 0.6) return `+46 ${n.slice(1, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      return n;
    }
    case "DE":
      return style < 0.5 ? `0171 ${digits(rnd, 7)}` : `+49 30 ${digits(rnd, 8)}`;
    case "FR": {
      const n = `06${digits(rnd, 8)}`;
      return style < 0.5 ? n.replace(/(\d\d)(?=\d)/g, "$1 ") : n;
    }
    case "GB":
      return style < 0.5
        ? `07${"45789"[Math.floor(rnd() * 5)]}${digits(rnd, 2)} ${digits(rnd, 6)}`
        : `020 7${digits(rnd, 3)} ${digits(rnd, 4)}`;
    case "US":
      return `(${["212", "312", "415", "617", "303"][Math.floor(rnd() * 5)]}) ${2 + Math.floor(rnd() * 8)}${digits(rnd, 2)}-${digits(rnd, 4)}`;
    default:
      return `9${digits(rnd, 2)} ${digits(rnd, 2)} ${digits(rnd, 3)}`;
  }
}

const DEFECTS = [
  "noName",
  "badEmail",
  "negativeBalance",
  "closedPeriod",
  "badPhone",
  "notInList",
  "tooLong",
  "noContact",
  "badDate",
  "duplicateEmail",
  "unresolvedHq",
] as const;

/** Excel serial of an ISO day (1900 system, after 1900-03-01). */
const serialOf = (iso: string) => Math.round((Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000);

export function generateCustomerRows(opts: CustomerRowsOptions): CustomerRows {
  const rnd = prng(opts.seed ?? 1);
  const badShare = opts.badShare ?? 0.1;
  const repeatShare = opts.repeatPhoneShare ?? 0.1;
  const hqShare = opts.hqShare ?? 0.05;
  const texts = opts.script && opts.script !== "latin" ? TEXTS[opts.script] : null;
  const words = texts?.words ?? WORDS;
  const nouns = texts?.nouns ?? NOUNS;
  const cityOf = (country: string, i: number) => (texts ? texts.cities[i % 3]! : CITIES[country]![i % 3]!);
  const header = baseCatalog.customers.fields.filter((f) => f.key !== "crmId").map((f) => f.label);
  const pool = Array.from(
    { length: 300 },
    () => `+46 8 ${digits(rnd, 3)} ${digits(rnd, 2)} ${digits(rnd, 2)}`,
  );
  const grid: unknown[][] = [];
  const bad = new Map<number, string>();
  const tag = (opts.seed ?? 1).toString(36);
  for (let i = 0; i < opts.rows; i++) {
    const draw = rnd();
    const country = COUNTRIES.find(([, p]) => draw < p)![0];
    const name = `${words[i % words.length]} ${nouns[(i * 7) % nouns.length]} ${tag}-${i}`;
    const phone = phoneFor(country, rnd);
    const hasBalance = rnd() < 0.3;
    const multi = i > 10 && rnd() < hqShare;
    const hq = Math.floor(rnd() * (i - 1));
    const row: unknown[] = [
      `C${String(i).padStart(7, "0")}`,
      name,
      rnd() < 0.9 ? "Company" : "Individual",
      `contact${i}.${tag}@example${i % 97}.com`,
      phone,
      rnd() < repeatShare ? pool[Math.floor(rnd() * pool.length)] : rnd() < 0.4 ? phoneFor(country, rnd) : "",
      rnd() < 0.5 ? `https://www.example${i}.com` : "",
      `${country}${digits(rnd, 10)}`,
      `${Math.floor(rnd() * 200) + 1} ${texts?.street ?? "Main Street"}`,
      cityOf(country, i),
      "",
      country === "SE" ? `${digits(rnd, 3)} ${digits(rnd, 2)}` : digits(rnd, 5),
      country,
      picklists.category![i % 5],
      picklists.accountManager![i % 4],
      rnd() < 0.5 ? picklists.campaign![i % 4] : "",
      "EUR",
      Math.floor(rnd() * 100) * 1000,
      hasBalance ? (rnd() < 0.7 ? Math.round(rnd() * 1e6) / 100 : "1 234,50") : "",
      hasBalance ? (rnd() < 0.8 ? serialOf("2025-03-01") + Math.floor(rnd() * 300) : "31/12/2025") : "",
      multi ? "Yes" : "No",
      multi ? `${cityOf(country, 0)} ${texts?.office ?? "office"}` : "",
      multi ? `L${i}` : "",
      multi ? (rnd() < 0.5 ? `C${String(hq).padStart(7, "0")}` : grid[hq]![1]) : "",
      rnd() < 0.2 ? (texts?.note ?? "Met at the spring fair; wants a quote.") : "",
    ];
    if (rnd() < badShare) {
      const defect = DEFECTS[Math.floor(rnd() * DEFECTS.length)]!;
      if (defect !== "duplicateEmail" || i > 0) applyDefect(row, defect, grid, rnd);
      bad.set(i, defect);
    }
    grid.push(row);
  }
  // Office.js hands `values` over as JSON: round-trip the grid so its strings are flat, as they are
  // in the add-in, rather than the concatenation ropes the generator built.
  const asRead = JSON.parse(JSON.stringify(grid)) as unknown[][];
  return { header, grid: asRead, bad, picklists, closedPeriodThrough: "2024-12-31" };
}

/** Column indexes in the generated header (CRM ID left out, so one less than in the catalog). */
const col = (key: string) => baseCatalog.customers.fields.findIndex((f) => f.key === key) - 1;

function applyDefect(
  row: unknown[],
  defect: (typeof DEFECTS)[number],
  grid: unknown[][],
  rnd: () => number,
): void {
  switch (defect) {
    case "noName":
      row[col("name")] = "  ";
      break;
    case "badEmail":
      row[col("email")] = `anna${digits(rnd, 6)}.example.com`;
      break;
    case "negativeBalance":
      row[col("openingBalance")] = -250;
      row[col("openingBalanceDate")] = serialOf("2025-06-01");
      break;
    case "closedPeriod":
      row[col("openingBalance")] = 100;
      row[col("openingBalanceDate")] = serialOf("2024-06-30");
      break;
    case "badPhone":
      row[col("phone")] = `${digits(rnd, 3)}-${digits(rnd, 3)}`;
      break;
    case "notInList":
      row[col("category")] = "Gold";
      break;
    case "tooLong":
      row[col("notes")] = "x".repeat(2001);
      break;
    case "noContact":
      row[col("email")] = "";
      row[col("phone")] = "";
      row[col("mobile")] = "";
      break;
    case "badDate":
      row[col("openingBalance")] = 100;
      row[col("openingBalanceDate")] = "31/02/2025";
      break;
    case "duplicateEmail":
      row[col("email")] = String(grid[Math.floor(rnd() * grid.length)]![col("email")]).toUpperCase();
      break;
    case "unresolvedHq":
      row[col("multiLocation")] = "Yes";
      row[col("locationName")] = "Annex";
      row[col("locationCode")] = "X1";
      row[col("headquarters")] = "No Such Company Ltd";
      break;
  }
}
