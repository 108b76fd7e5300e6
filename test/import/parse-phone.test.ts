import fc from "fast-check";
import { getExampleNumber, parsePhoneNumberWithError, type CountryCode } from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { parsePhoneNumberCell, parsePhoneText } from "../../src/import";

/** What the library alone says (no fast path, no memo). The fast path itself is tested in test/domain/phone.test.ts. */
function library(text: string, country: string): string | null {
  try {
    const n = parsePhoneNumberWithError(text, { defaultCountry: country as CountryCode });
    return n.isValid() ? n.number : null;
  } catch {
    return null;
  }
}

const countries = [
  "SE",
  "DE",
  "FR",
  "GB",
  "US",
  "CA",
  "NO",
  "IT",
  "NL",
  "ES",
  "CH",
  "AU",
  "IN",
  "BR",
  "JE",
  "FI",
  "DK",
  "AT",
  "BE",
  "PL",
];

describe("phone cells", () => {
  it("reads a Swedish mobile typed with its trunk zero, with separators, or with +46", () => {
    for (const text of ["0701234567", "070-123 45 67", "+46 70 123 45 67", "(070) 123.45.67"])
      expect(parsePhoneText(text, "SE")).toEqual({ ok: true, e164: "+46701234567" });
  });

  it("restores the leading zero Excel dropped from a number cell", () => {
    expect(parsePhoneNumberCell(701234567, "SE")).toEqual({ ok: true, e164: "+46701234567" });
    expect(parsePhoneNumberCell(46701234567, "SE")).toEqual({ ok: true, e164: "+46701234567" });
  });

  it("says why a number cannot be read, and needs a country for a national number", () => {
    const short = parsePhoneText("12-34", "SE");
    expect(short.ok).toBe(false);
    const noCountry = parsePhoneText("0701234567", null);
    expect(noCountry).toEqual({ ok: false, reason: "add the country code, e.g. +46, or fill in Country" });
    expect(parsePhoneText("call me", "SE").ok).toBe(false);
  });

  it("agrees with libphonenumber-js on real-looking mobiles (mostly valid, so the fast path answers)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.stringMatching(/^\d{4}$/),
        fc.boolean(),
        (country, tail, national) => {
          const example = getExampleNumber(country as CountryCode, examples)!;
          const nsn = example.nationalNumber.slice(0, -4) + tail;
          const text = national
            ? example.formatNational().replace(/\d{4}$/, tail)
            : `+${example.countryCallingCode} ${nsn}`;
          const ours = parsePhoneText(text, country);
          if (ours.ok) accepted++;
          expect(ours.ok ? ours.e164 : null).toBe(library(text, country));
        },
      ),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(1000);
  });

  it("agrees with the library (and the server) on a country it does not know and on over-long text", () => {
    for (const [text, country] of [
      ["+46 70 123 45 67", "XX"],
      [`+46 70 123 45 67${" ".repeat(240)}`, "SE"],
    ] as const) {
      expect(parsePhoneText(text, country).ok).toBe(false);
      expect(library(text, country)).toBeNull();
    }
    expect(parsePhoneNumberCell(46701234567, "XX").ok).toBe(false);
  });
});
