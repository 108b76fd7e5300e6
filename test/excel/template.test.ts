import { describe, expect, it } from "vitest";
import { catalogOf, sheetNames } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { TEMPLATE_VERSION, ensureTemplateSheets, headerText, palette, propertyKeys } from "../../src/excel";
import { columnLetter } from "../../src/excel/a1";
import { layoutOf, pointsForChars, widthOf } from "../../src/excel/layout";
import { markStyles } from "../../src/excel/palette";
import { columnKey, keyColumn, keyEntries } from "../../src/excel/template";
import { simEnv } from "./helpers";
import { testSchema } from "./schema";

const schema = testSchema();
const catalog = catalogOf(schema);
const input = {
  sheets: sheetNames.map((s) => catalog[s]),
  picklists: schema.picklists,
  schemaHash: schema.schemaHash,
  version: TEMPLATE_VERSION,
};
const fills = {
  required: palette.required,
  optional: palette.optional,
  multiLocation: palette.multiLocation,
};

describe("a new template", () => {
  it("writes each header with its marker, requirement colour, bold font, note and width", async () => {
    const { book, env } = simEnv();
    expect(await ensureTemplateSheets(env, input)).toEqual({
      customers: "created",
      contacts: "created",
      sites: "created",
      equipment: "created",
    });
    for (const name of sheetNames) {
      const sheet = catalog[name];
      const raw = book.sheet(sheet.title);
      sheet.fields.forEach((f, c) => {
        const cell = book.cell(`${sheet.title}!${columnLetter(c)}2`);
        expect(cell.value).toBe(headerText(f));
        expect(cell.fill).toBe(f.system ? palette.systemHeader : fills[f.requirement]);
        expect(cell.bold).toBe(true);
        expect(cell.note).toContain(f.description);
        if (f.maxLength !== undefined) expect(cell.note).toContain(text.maxLength(f.maxLength));
        expect(raw.columnWidths.get(c)).toBe(widthOf(f));
      });
      expect(raw.freeze.rows).toBe(2);
      expect(raw.customProperties.get(propertyKeys.version.toLowerCase())?.value).toBe(TEMPLATE_VERSION);
      expect(raw.customProperties.get(propertyKeys.schemaHash.toLowerCase())?.value).toBe(schema.schemaHash);
    }
    expect(book.cell("Customers!C2").value).toBe("Name *");
    const location = catalog.customers.fields.findIndex((f) => f.key === "locationName");
    expect(book.cell(`Customers!${columnLetter(location)}2`).value).toBe("Location name (multi-location)");
  });

  it("includes the organisation's custom fields, after the built-in ones", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const n = catalog.customers.fields.length;
    expect(book.cell(`Customers!${columnLetter(n - 2)}2`).value).toBe("Segment");
    expect(book.cell(`Customers!${columnLetter(n - 1)}2`).value).toBe("PO reference *");
    expect(book.cell(`Customers!${columnLetter(n - 1)}2`).fill).toBe(palette.required);
  });

  it("puts above each column only the word for that column, in its colour, and the key in its own block", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const layout = layoutOf(catalog.customers);
    layout.fields.forEach((f, c) => {
      const cell = book.cell(`Customers!${columnLetter(c)}1`);
      expect(cell.value).toBe(columnKey(f));
      expect(cell.fill).toBe(f.system ? palette.systemHeader : fills[f.requirement]);
      // The word agrees with the header's own marker.
      if (f.requirement === "required" && !f.system) expect(headerText(f)).toMatch(/ \*$/);
      if (f.requirement === "optional" && !f.system) expect(cell.value).toBe(text.keyOptional);
    });
    const name = layout.fields.findIndex((f) => f.key === "name");
    const customerNumber = layout.fields.findIndex((f) => f.key === "customerNumber");
    expect(book.cell(`Customers!${columnLetter(name)}1`).value).toBe(text.keyRequired);
    expect(book.cell(`Customers!${columnLetter(customerNumber)}1`).value).toBe(text.keyOptional);
    // Nothing above the hidden columns or the gap; the key starts right of them.
    for (const c of [layout.versionCol, layout.hashCol, layout.marksCol, layout.marksCol + 1])
      expect(book.cell(`Customers!${columnLetter(c)}1`).value).toBe("");
    const first = keyColumn(layout);
    const entries = keyEntries(layout);
    const key = book.values(
      `Customers!${columnLetter(first)}1:${columnLetter(first + entries.length - 1)}1`,
    )[0];
    expect(key).toEqual([
      text.legendTitle,
      text.legendRequired,
      text.legendOptional,
      text.legendMultiLocation,
      text.legendSystem,
      text.legendError,
      text.legendWarning,
      text.legendConflict,
    ]);
    const at = (i: number) => book.cell(`Customers!${columnLetter(first + i)}1`);
    expect([1, 2, 3, 4, 6].map((i) => at(i).fill)).toEqual([
      palette.required,
      palette.optional,
      palette.multiLocation,
      palette.systemHeader,
      palette.warning,
    ]);
    expect([at(5).fill, at(5).pattern, at(5).patternColor]).toEqual([
      markStyles.error.color,
      markStyles.error.pattern,
      markStyles.error.patternColor,
    ]);
    expect([at(7).fill, at(7).pattern]).toEqual([markStyles.conflict.color, markStyles.conflict.pattern]);
    // Row 1 wraps nothing, and each key column is as wide as its words; data columns keep theirs.
    const raw = book.sheet("Customers");
    for (let c = 0; c < first + entries.length; c++) expect(raw.formats.get("wrapText", 0, c)).not.toBe(true);
    entries.forEach((e, i) =>
      expect(raw.columnWidths.get(first + i)).toBe(pointsForChars(e.label.length + 2)),
    );
    layout.fields.forEach((f, c) => expect(raw.columnWidths.get(c)).toBe(widthOf(f)));
  });

  it("leaves the multi-location entry out of the key of a sheet without such columns", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const layout = layoutOf(catalog.contacts);
    const first = keyColumn(layout);
    const words = book.values(`Contacts!${columnLetter(first)}1:${columnLetter(first + 7)}1`)[0];
    expect(words).not.toContain(text.legendMultiLocation);
    expect(words).toContain(text.legendError);
  });

  it("formats code-like columns as text, dates as dates, and greys the CRM ID column", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const fields = catalog.customers.fields;
    const col = (key: string) => columnLetter(fields.findIndex((f) => f.key === key));
    for (const key of ["customerNumber", "phone", "postalCode", "taxNumber", "locationCode"])
      expect(book.cell(`Customers!${col(key)}50`).numberFormat).toBe("@");
    expect(book.cell(`Customers!${col("openingBalanceDate")}7`).numberFormat).toBe("yyyy-mm-dd");
    expect(book.cell(`Customers!${col("creditLimit")}7`).numberFormat).toBe("General");
    expect(book.cell("Customers!A3000").fill).toBe(palette.systemCell);
    expect(book.cell("Customers!A3000").fontColor).toBe(palette.systemFont);
    const hidden = book.sheet("Customers").hiddenColumns;
    expect([...hidden].map(columnLetter).sort()).toEqual(
      [fields.length + 1, fields.length + 2, fields.length + 3].map(columnLetter).sort(),
    );
    expect(book.cell(`Customers!${columnLetter(fields.length)}2`).value).toBe(text.statusHeader);
  });

  it("points picklists and yes/no at ranges of the hidden Lists sheet", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const lists = book.sheet(text.listsSheet);
    expect(lists.visibility).toBe("Hidden");
    const validations = book.sheet("Customers").validations;
    const fields = catalog.customers.fields;
    const sourceOf = (key: string) => {
      const col = fields.findIndex((f) => f.key === key);
      const v = validations.find((x) => x.rect.col === col && x.rect.row === 2);
      return JSON.stringify(v?.rule);
    };
    for (const key of [
      "type",
      "country",
      "category",
      "accountManager",
      "currency",
      "multiLocation",
      "cf_segment",
    ]) {
      expect(sourceOf(key)).toMatch(/=Lists!\$[A-Z]+\$2:\$[A-Z]+\$\d+/);
    }
    const yesNo = /Lists!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(sourceOf("multiLocation"))!;
    expect(book.values(`Lists!${yesNo[1]}2:${yesNo[1]}${yesNo[2]}`)).toEqual([[text.yes], [text.no]]);
    const country = /Lists!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(sourceOf("country"))!;
    expect(Number(country[2]) - 1).toBeGreaterThan(200);
    expect(sourceOf("name")).toBe(undefined);
  });

  it("colours a row's multi-location cells when its Multi-location is Yes, without the add-in", async () => {
    const { book, env } = simEnv();
    await ensureTemplateSheets(env, input);
    const fields = catalog.customers.fields;
    const flag = columnLetter(fields.findIndex((f) => f.key === "multiLocation"));
    const location = columnLetter(fields.findIndex((f) => f.key === "locationName"));
    await book.userEdit(`Customers!${flag}5`, "Yes");
    expect(book.displayFill(`Customers!${location}5`)).toBe(palette.required);
    expect(book.displayFill(`Customers!${location}6`)).not.toBe(palette.required);
  });

  it("uses data-validation prompts for header help where notes (ExcelApi 1.18) are missing", async () => {
    const { book, env } = simEnv("1.17");
    await ensureTemplateSheets(env, input);
    expect(book.cell("Customers!C2").note).toBe(null);
    const prompt = book
      .sheet("Customers")
      .validations.find((v) => v.rect.row === 1 && v.rect.col === 2)?.prompt;
    expect(prompt?.message).toContain(catalog.customers.fields[2]!.description);
  });

  it("recognises an outdated template and upgrades it, keeping the data under the new headers", async () => {
    const { book, env } = simEnv();
    const old = testSchema([]);
    const oldCatalog = catalogOf(old);
    await ensureTemplateSheets(env, { ...input, sheets: [oldCatalog.customers], schemaHash: old.schemaHash });
    await book.userEdit("Customers!C3", "Acme");
    expect(await ensureTemplateSheets(env, { ...input, sheets: [catalog.customers] })).toEqual({
      customers: "upgraded",
    });
    expect(book.cell("Customers!C3").value).toBe("Acme");
    const n = catalog.customers.fields.length;
    expect(book.cell(`Customers!${columnLetter(n - 1)}2`).value).toBe("PO reference *");
    expect(book.sheet("Customers").customProperties.get(propertyKeys.schemaHash.toLowerCase())?.value).toBe(
      schema.schemaHash,
    );
    expect(await ensureTemplateSheets(env, { ...input, sheets: [catalog.customers] })).toEqual({
      customers: "current",
    });
  });
});
