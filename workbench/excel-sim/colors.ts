// Excel reports colours as "#RRGGBB" upper case whatever form was written.
import { fail } from "./errors";

const named: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  purple: "#800080",
  pink: "#FFC0CB",
  cyan: "#00FFFF",
  magenta: "#FF00FF",
};

export function normalizeColor(input: string): string {
  const text = input.trim();
  const hex = /^#?([0-9a-fA-F]{6})$/.exec(text);
  if (hex) return `#${(hex[1] ?? "").toUpperCase()}`;
  const short = /^#([0-9a-fA-F]{3})$/.exec(text);
  if (short)
    return `#${[...(short[1] ?? "")]
      .map((c) => c + c)
      .join("")
      .toUpperCase()}`;
  return named[text.toLowerCase()] ?? fail("InvalidArgument", `Invalid color: ${input}`);
}
