import type { Requirement } from "../domain";

/**
 * The template's colours (docs/palette.md says why, with the measured distances). Requirement fills
 * are light, solid tints of the Okabe-Ito colour-blind-safe hues: orange for required, blue for
 * optional, violet for multi-location. Marks differ from all of them in hue, lightness AND pattern:
 * an error is a darker rose under thin dark diagonal stripes, a conflict an olive green under dark dots,
 * a warning a solid light yellow. Black text keeps at least 7:1 (WCAG AAA) on every fill. Colour is
 * never the only cue: headers carry a text marker, and every mark a note and the status column.
 */
export const palette = {
  required: "#FFD8A8", // 15.6:1 with black
  optional: "#CFE2F3", // 15.8:1
  multiLocation: "#E4D1EC", // 14.6:1
  systemHeader: "#D9D9D9", // 14.9:1
  systemCell: "#EDEDED", // 8.9:1 with the grey font below
  systemFont: "#404040",
  error: "#E67396", // 7.3:1
  warning: "#FFF0A8", // 18.3:1
  conflict: "#78A500", // 7.2:1
  text: "#000000",
} as const;

/** A mark's look: its fill, and the pattern drawn over it (fill.pattern and patternColor, ExcelApi 1.9). */
export interface MarkStyle {
  color: string;
  pattern: "Solid" | "LightUp" | "Gray8";
  patternColor: string | null;
}

export type MarkKind = "error" | "warning" | "conflict";

export const markStyles: Record<MarkKind, MarkStyle> = {
  error: { color: palette.error, pattern: "LightUp", patternColor: "#7A1033" },
  warning: { color: palette.warning, pattern: "Solid", patternColor: null },
  conflict: { color: palette.conflict, pattern: "Gray8", patternColor: "#2E4000" },
};

export const requirementFill = (r: Requirement): string => palette[r];
