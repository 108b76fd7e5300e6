import { describe, expect, it } from "vitest";
import { groupContactRows } from "../../src/workflows/group-contacts";
import { decodeBytes, detectDelimiter, parseCsv } from "../../src/workflows/open-csv";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("reading a CSV file", () => {
  it("drops a UTF-8 byte-order mark and reads the text as UTF-8", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Namn;Ort\nÅsa;Malmö\n")]);
    expect(decodeBytes(bytes)).toEqual({ text: "Namn;Ort\nÅsa;Malmö\n", encoding: "UTF-8" });
  });

  it("falls back to Windows-1252 when the bytes are not valid UTF-8", () => {
    // "Müller;€5" as Excel's "ANSI" CSV writes it: ü = 0xFC, € = 0x80.
    const bytes = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3b, 0x80, 0x35]);
    expect(decodeBytes(bytes)).toEqual({ text: "Müller;€5", encoding: "Windows-1252" });
  });

  it("reads UTF-16 when a byte-order mark says so", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3b, 0x00, 0x42, 0x00]);
    expect(decodeBytes(bytes)).toEqual({ text: "A;B", encoding: "UTF-16LE" });
  });

  it("detects semicolons, tabs and commas, ignoring delimiters inside quotes", () => {
    expect(detectDelimiter('Name;Notes\n"Acme, Inc";"a, b, c"\nBeta;x\n')).toBe("semicolon");
    expect(detectDelimiter("Name\tCity\nAcme\tLund\n")).toBe("tab");
    expect(detectDelimiter('Name,Notes\n"Acme; Inc","x; y"\n')).toBe("comma");
    expect(detectDelimiter("just one column\nrow\n")).toBe("comma");
  });

  it("parses with the chosen delimiter even when another would split more", () => {
    const parsed = parseCsv(utf8("a,b;c\nd,e;f\n"), "semicolon");
    expect(parsed.rows).toEqual([
      ["a,b", "c"],
      ["d,e", "f"],
    ]);
    expect(parseCsv(utf8("a,b;c\nd,e;f\n\n"), "comma").rows).toEqual([
      ["a", "b;c"],
      ["d", "e;f"],
    ]);
  });
});

describe("grouping one row per contact into customers", () => {
  const columns = ["name", "email", "phone", "contact:firstName", "contact:email"];

  it("makes one customer per match key value, filling blanks from later rows, and one contact per person", () => {
    const grouped = groupContactRows(
      [
        ["Acme", "info@acme.test", null, "Ann", "ann@acme.test"],
        ["ACME ", " INFO@acme.test", "+46 8 123", "Bo", "bo@acme.test"],
        ["Beta", "hi@beta.test", null, "", ""],
        [null, null, null, null, null],
      ],
      columns,
      [["email"]],
    );
    expect(grouped.customerFields).toEqual(["name", "email", "phone"]);
    expect(grouped.contactFields).toEqual(["firstName", "email"]);
    expect(grouped.customers).toEqual([
      ["Acme", "info@acme.test", "+46 8 123"],
      ["Beta", "hi@beta.test", null],
    ]);
    expect(grouped.contacts).toEqual([
      ["Acme", "Ann", "ann@acme.test"],
      ["ACME", "Bo", "bo@acme.test"],
    ]);
  });

  it("tries the next match key when a row lacks the first, and keeps a row with no key on its own", () => {
    const grouped = groupContactRows(
      [
        ["Acme", "", "+46 1", "Ann", ""],
        ["Acme", "", "+46 1", "Bo", ""],
        ["Solo", "", "", "Cy", ""],
        ["Solo", "", "", "Di", ""],
      ],
      columns,
      [["email"], ["phone"]],
    );
    expect(grouped.customers.map((c) => c[0])).toEqual(["Acme", "Solo", "Solo"]);
    expect(grouped.contacts.map((c) => c.slice(0, 2))).toEqual([
      ["Acme", "Ann"],
      ["Acme", "Bo"],
      ["Solo", "Cy"],
      ["Solo", "Di"],
    ]);
  });
});
