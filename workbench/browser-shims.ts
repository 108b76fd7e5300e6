/**
 * excel-sim measures request sizes with Node's Buffer.byteLength, which browsers lack. The workbench
 * gives the page just that function (UTF-8 byte length), so the simulator's limits apply here too.
 * Remove when excel-sim measures with TextEncoder.
 */
const encoder = new TextEncoder();
const scope = globalThis as unknown as { Buffer?: { byteLength: (text: string) => number } };

export function installBufferByteLength(): void {
  scope.Buffer ??= { byteLength: (text: string) => encoder.encode(text).length };
}
