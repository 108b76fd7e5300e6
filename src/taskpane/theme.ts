/**
 * The pane follows Office's theme when the host has one (a dark body background means a dark
 * theme); outside Office, where Office.context is empty or throws, it is the light web theme.
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** Perceived brightness of a "#rrggbb" colour, 0..255; null when it is not one. */
export function brightnessOf(colour: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour ?? "");
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? "0", 16)) as [number, number, number];
  return (r * 299 + g * 587 + b * 114) / 1000;
}

export function themeFor(bodyBackground: string | undefined): Theme {
  const brightness = brightnessOf(bodyBackground);
  return brightness !== null && brightness < 128 ? webDarkTheme : webLightTheme;
}

export function officeBodyBackground(): string | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context?.officeTheme?.bodyBackgroundColor;
  } catch {
    return undefined;
  }
}
