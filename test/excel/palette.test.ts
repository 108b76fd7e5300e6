import { describe, expect, it } from "vitest";
import { markStyles, palette } from "../../src/excel/palette";
import {
  contrast,
  deltaE2000,
  mix,
  parseHex,
  seenDistance,
  toLab,
  type Deficiency,
  type Rgb,
} from "./colour-vision";

const visions: Deficiency[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];
const requirements = {
  required: palette.required,
  optional: palette.optional,
  multiLocation: palette.multiLocation,
};
const black: Rgb = [0, 0, 0];
/** The share of a cell that Excel's thin patterns (LightUp, Gray8) cover with their colour, about. */
const PATTERN_SHARE = 0.2;
/** ΔE2000 of 20 is a difference seen at a glance; 2.3 is a just-noticeable one. */
const AT_A_GLANCE = 20;

const seenAs = (style: { color: string; patternColor: string | null }): Rgb =>
  style.patternColor
    ? mix(parseHex(style.color), parseHex(style.patternColor), PATTERN_SHARE)
    : parseHex(style.color);
const hueOf = (hex: string): number => {
  const [, a, b] = toLab(parseHex(hex));
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
};
const hueGap = (x: string, y: string): number => {
  const d = Math.abs(hueOf(x) - hueOf(y));
  return Math.min(d, 360 - d);
};

describe("the colour-vision helpers", () => {
  it("compute CIEDE2000 as Sharma, Wu and Dalal's test data says", () => {
    // Pairs 1, 7 and 17 of the paper's table 1.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
  });

  it("see white as white and pure red as dark yellow in protanopia, and leave normal vision alone", () => {
    const white: Rgb = [1, 1, 1];
    for (const v of visions) expect(seenDistance(white, white, v)).toBeCloseTo(0, 6);
    expect(seenDistance([1, 0, 0], [0, 1, 0], "normal")).toBeGreaterThan(80);
    // Red and green, far apart for most, become near neighbours without L or M cones.
    expect(seenDistance([1, 0, 0], [0.5, 0.4, 0], "protanopia")).toBeLessThan(
      seenDistance([1, 0, 0], [0.5, 0.4, 0], "normal"),
    );
    expect(contrast(white, black)).toBeCloseTo(21, 6);
  });
});

describe("the palette", () => {
  it("keeps black text at 7:1 or better on every fill", () => {
    for (const hex of [...Object.values(requirements), palette.error, palette.warning, palette.conflict])
      expect(contrast(parseHex(hex), black), hex).toBeGreaterThanOrEqual(7);
  });

  it("tells an error from every requirement colour and from a warning at a glance, in all four visions", () => {
    for (const v of visions) {
      for (const [name, hex] of Object.entries({ ...requirements, warning: palette.warning })) {
        const plain = seenDistance(parseHex(palette.error), parseHex(hex), v);
        const striped = seenDistance(seenAs(markStyles.error), parseHex(hex), v);
        expect(plain, `${v}: error vs ${name}`).toBeGreaterThanOrEqual(AT_A_GLANCE);
        expect(striped, `${v}: striped error vs ${name}`).toBeGreaterThanOrEqual(AT_A_GLANCE);
      }
    }
  });

  it("tells a conflict from an error, a warning and the required colour in all four visions", () => {
    for (const v of visions)
      for (const [name, hex] of Object.entries({ required: palette.required, warning: palette.warning }))
        expect(
          seenDistance(seenAs(markStyles.conflict), parseHex(hex), v),
          `${v}: ${name}`,
        ).toBeGreaterThanOrEqual(AT_A_GLANCE);
    for (const v of visions)
      expect(
        seenDistance(seenAs(markStyles.conflict), seenAs(markStyles.error), v),
        v,
      ).toBeGreaterThanOrEqual(AT_A_GLANCE);
  });

  it("gives errors and conflicts their own hue and a pattern no requirement colour has", () => {
    for (const hex of Object.values(requirements)) {
      expect(hueGap(palette.error, hex), hex).toBeGreaterThanOrEqual(30);
      expect(hueGap(palette.conflict, hex), hex).toBeGreaterThanOrEqual(30);
    }
    // Requirement colours are solid fills; the marks that must stand out are patterned, each its own way.
    expect(markStyles.error.pattern).not.toBe("Solid");
    expect(markStyles.conflict.pattern).not.toBe("Solid");
    expect(markStyles.error.pattern).not.toBe(markStyles.conflict.pattern);
  });
});
