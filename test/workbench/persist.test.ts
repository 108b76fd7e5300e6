// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { catalogOf, sheetNames } from "../../src/domain";
import { TEMPLATE_VERSION, ensureTemplateSheets } from "../../src/excel";
import { SimWorkbook } from "../../workbench/excel-sim";
import { keepAcrossReloads, loadKept } from "../../workbench/keeper";
import { BOOK_KEY, CONNECTION_KEY, restore, snapshot } from "../../workbench/persist";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../excel/schema";

const TOKEN = "crm_secret-token-0123456789";

async function templateBook() {
  const { book, env } = simEnv();
  const schema = testSchema();
  const catalog = catalogOf(schema);
  await ensureTemplateSheets(env, {
    sheets: sheetNames.map((s) => catalog[s]),
    picklists: schema.picklists,
    schemaHash: schema.schemaHash,
    version: TEMPLATE_VERSION,
  });
  await book.userEdit("Customers!C3", "Rivera Coffee");
  await book.userEdit("Customers!A5:B5", [["0123", "2026-01-31"]]);
  book.settings.set("crm.connection", { url: "http://localhost:3000", token: TOKEN });
  book.settings.set("crm.mapping", { keep: true });
  return book;
}

/** Every cell of every sheet as a reader sees it. */
function cellsOf(book: SimWorkbook) {
  return book.sheets.map((sheet) => {
    const used = book.usedRange(sheet.name);
    if (!used) return [sheet.name, []];
    const { rect } = book.resolve(used);
    const cells = [];
    for (let r = 0; r < rect.rows; r++)
      for (let c = 0; c < rect.cols; c++)
        cells.push(book.cell(`'${sheet.name}'!${letters(rect.col + c)}${rect.row + r + 1}`));
    return [sheet.name, cells];
  });
}

function letters(col: number): string {
  let out = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

describe("the workbench keeps its workbook across reloads", () => {
  it("restores every cell, format, validation, note, property, name and setting of a template", async () => {
    const book = await templateBook();
    const saved = snapshot(book);
    const reopened = new SimWorkbook();
    restore(reopened, saved);
    expect(reopened.sheetNames()).toEqual(book.sheetNames());
    expect(cellsOf(reopened)).toEqual(cellsOf(book));
    for (const name of book.sheetNames()) {
      const [before, after] = [book.sheet(name), reopened.sheet(name)];
      expect(after.validations).toEqual(before.validations);
      expect(after.conditionalFormats).toEqual(before.conditionalFormats);
      expect([...after.customProperties]).toEqual([...before.customProperties]);
      expect([...after.columnWidths]).toEqual([...before.columnWidths]);
      expect([...after.hiddenColumns]).toEqual([...before.hiddenColumns]);
      expect([after.freeze, after.visibility]).toEqual([before.freeze, before.visibility]);
    }
    expect([...reopened.names]).toEqual([...book.names]);
    expect(reopened.activeSheet?.name).toBe(book.activeSheet?.name);
    expect(reopened.settings.get("crm.connection")).toEqual({ url: "http://localhost:3000", token: TOKEN });
    expect(reopened.settings.get("crm.mapping")).toEqual({ keep: true });
    // The reopened workbook still works as a workbook: a new sheet and a typed value.
    reopened.addSheet("Later");
    await reopened.userEdit("Customers!C4", "Blue Harbour");
    expect(reopened.cell("Customers!C4").value).toBe("Blue Harbour");
  });

  it("never puts the API token in the saved workbook: the connection is kept apart", async () => {
    const saved = snapshot(await templateBook());
    expect(saved.workbook).not.toContain(TOKEN);
    expect(saved.workbook).not.toContain("crm.connection");
    expect(saved.connection).toContain(TOKEN);
  });

  it("saves after a user's edit, reopens it, and forgets it on New workbook", async () => {
    const storage = memoryStorage();
    const book = new SimWorkbook();
    const keeper = keepAcrossReloads(book, storage);
    try {
      keeper.flush();
      expect(storage.getItem(BOOK_KEY)).toBeNull(); // nothing changed yet
      await book.userEdit("Sheet1!B2", "typed");
      keeper.flush();
      expect(storage.getItem(BOOK_KEY)).toContain("typed");
      const next = new SimWorkbook();
      expect(loadKept(next, storage)).toBe(true);
      expect(next.cell("Sheet1!B2").value).toBe("typed");
      keeper.forget();
      expect(storage.getItem(BOOK_KEY)).toBeNull();
      expect(storage.getItem(CONNECTION_KEY)).toBeNull();
      expect(loadKept(new SimWorkbook(), storage)).toBe(false);
    } finally {
      keeper.stop();
    }
  });

  it("keeps nothing rather than an older workbook when the browser's quota is full", async () => {
    const storage = memoryStorage();
    const book = new SimWorkbook();
    const keeper = keepAcrossReloads(book, storage);
    try {
      await book.userEdit("Sheet1!A1", "first");
      keeper.flush();
      expect(storage.getItem(BOOK_KEY)).toContain("first");
      storage.setItem = () => {
        throw new DOMException("full", "QuotaExceededError");
      };
      await book.userEdit("Sheet1!A1", "second");
      keeper.flush();
      expect(storage.getItem(BOOK_KEY)).toBeNull();
    } finally {
      keeper.stop();
    }
  });

  it("starts empty when the kept workbook cannot be read", () => {
    const storage = memoryStorage();
    storage.setItem(BOOK_KEY, "{not json");
    const book = new SimWorkbook();
    expect(loadKept(book, storage)).toBe(false);
    expect(book.sheetNames()).toEqual(["Sheet1"]);
    expect(storage.getItem(BOOK_KEY)).toBeNull();
  });
});
