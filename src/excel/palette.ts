import type { Requirement } from "../domain";

/**
 * Light fills that keep black text at 12:1 contrast or better (WCAG AAA needs 7:1): orange for
 * required, blue for optional, violet for multi-location, from the Okabe-Ito colour-blind-safe hues.
 * Colour is never the only cue: headers carry a text marker and marked cells a note.
 */
export const palette = {
  required: "#FFD8A8", // 15.6:1 with black
  optional: "#CFE2F3", // 15.8:1
  multiLocation: "#E4D1EC", // 14.6:1
  systemHeader: "#D9D9D9", // 14.9:1
  systemCell: "#EDEDED", // 8.9:1 with the grey font below
  systemFont: "#404040",
  error: "#F4B6B6", // 12.2:1
  warning: "#FFF0A8", // 18.3:1
  text: "#000000",
} as const;

export const requirementFill = (r: Requirement): string => palette[r];
