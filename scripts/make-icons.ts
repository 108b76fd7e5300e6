/**
 * Draws the add-in's ribbon and store icons (16, 32 and 80 px PNGs, plus the 64 px add-in icon that
 * the manifest's HighResolutionIconUrl names, as Microsoft asks of task-pane add-ins) into assets/.
 * Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only runs when the art
 * changes. It uses zlib and a tiny rasteriser so the project needs no image dependency.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

type Point = readonly [number, number];
/** A glyph is a coverage test in unit coordinates: (0,0) top left, (1,1) bottom right. */
type Glyph = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

const SIZES = [16, 32, 80] as const;
/** Sizes only some icons need: the add-in's own icon at 64 px for high-DPI screens and the store. */
const EXTRA_SIZES: Readonly<Record<string, readonly number[]>> = { icon: [64] };
const SUPERSAMPLE = 4;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Glyph =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** A thick line with round ends: the distance from the point to the segment is under half the width. */
const stroke =
  (a: Point, b: Point, width: number): Glyph =>
  (x, y) => {
    const [ax, ay] = a;
    const dx = b[0] - ax;
    const dy = b[1] - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2;
  };

const triangle =
  (a: Point, b: Point, c: Point): Glyph =>
  (x, y) => {
    const side = (p: Point, q: Point): number => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const s1 = side(a, b);
    const s2 = side(b, c);
    const s3 = side(c, a);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };

const union =
  (...parts: Glyph[]): Glyph =>
  (x, y) =>
    parts.some((part) => part(x, y));

const frame = (x0: number, y0: number, x1: number, y1: number, w: number): Glyph =>
  union(
    rect(x0, y0, x1, y0 + w),
    rect(x0, y1 - w, x1, y1),
    rect(x0, y0, x0 + w, y1),
    rect(x1 - w, y0, x1, y1),
  );

const LINE = 0.11;
const grid = union(
  frame(0.22, 0.24, 0.78, 0.76, LINE),
  rect(0.22, 0.45, 0.78, 0.45 + LINE),
  rect(0.45, 0.24, 0.45 + LINE, 0.76),
);
const arrow = (down: boolean): Glyph => {
  const [tip, base] = down ? [0.66, 0.46] : [0.2, 0.4];
  return union(
    stroke([0.5, down ? 0.2 : 0.36], [0.5, down ? 0.5 : 0.66], LINE + 0.02),
    triangle([0.29, base], [0.71, base], [0.5, tip]),
    rect(0.24, 0.74, 0.76, 0.74 + LINE),
  );
};

/** Each icon: file stem, background colour, glyph. The brand green is Excel's. */
const ICONS: ReadonlyArray<readonly [string, Rgb, Glyph]> = [
  ["icon", [0x21, 0x73, 0x46], union(grid, rect(0.56, 0.56, 0.78, 0.76))],
  ["open-pane", [0x21, 0x73, 0x46], union(frame(0.2, 0.24, 0.8, 0.76, LINE), rect(0.56, 0.24, 0.8, 0.76))],
  ["new-template", [0x0f, 0x6c, 0xbd], grid],
  ["download", [0x0f, 0x6c, 0xbd], arrow(true)],
  [
    "validate",
    [0xc5, 0x6a, 0x00],
    union(stroke([0.24, 0.52], [0.42, 0.7], 0.14), stroke([0.42, 0.7], [0.78, 0.3], 0.14)),
  ],
  ["import", [0x21, 0x73, 0x46], arrow(false)],
  // Clear marks: a cross over a cell, in the grey of the add-in's own columns.
  [
    "clear-marks",
    [0x5f, 0x5f, 0x5f],
    union(
      frame(0.2, 0.24, 0.8, 0.76, LINE),
      stroke([0.36, 0.38], [0.64, 0.62], 0.12),
      stroke([0.64, 0.38], [0.36, 0.62], 0.12),
    ),
  ],
];

const inRoundedSquare = (x: number, y: number, radius: number): boolean => {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && Math.hypot(x - cx, y - cy) <= radius;
};

/** RGBA pixels: antialiased by counting covered subsamples of each pixel. */
function drawIcon(size: number, background: Rgb, glyph: Glyph): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0;
      let white = 0;
      for (let s = 0; s < n; s++) {
        const x = (px + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const y = (py + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        if (!inRoundedSquare(x, y, 0.18)) continue;
        inside++;
        if (glyph(x, y)) white++;
      }
      const mix = inside === 0 ? 0 : white / inside;
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(background[c]! * (1 - mix) + 255 * mix);
      pixels[at + 3] = Math.round((255 * inside) / n);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A truecolour-with-alpha PNG; every scanline uses filter 0 (none), which is plenty for icons. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    raw.set(rgba.subarray(row * size * 4, (row + 1) * size * 4), row * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array()),
  ]);
}

function main(): void {
  const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
  mkdirSync(assets, { recursive: true });
  let written = 0;
  for (const [stem, background, glyph] of ICONS) {
    for (const size of [...SIZES, ...(EXTRA_SIZES[stem] ?? [])]) {
      writeFileSync(join(assets, `${stem}-${size}.png`), encodePng(size, drawIcon(size, background, glyph)));
      written++;
    }
  }
  console.log(`wrote ${written} icons to ${assets}`);
}

main();
