/** Excel caps a data-validation prompt's title at 32 and its message at 255 characters. */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * A message attached to a cell: a note where ExcelApi 1.18 has them, else a data-validation input
 * prompt, which every Excel since 2016 shows when the cell is selected.
 */
export function setCellMessage(
  ws: Excel.Worksheet,
  address: string,
  title: string,
  message: string,
  notes: boolean,
): void {
  if (notes) {
    ws.notes.add(address, message);
    return;
  }
  ws.getRange(address).dataValidation.prompt = {
    showPrompt: true,
    title: clip(title, PROMPT_TITLE_MAX),
    message: clip(message, PROMPT_MESSAGE_MAX),
  };
}

/**
 * Replaces the prompt of a cell that already carries one of ours. Notes are updated by marks.ts
 * through getItemOrNullObject, since the user may have deleted ours or added their own.
 */
export function replacePrompt(ws: Excel.Worksheet, address: string, title: string, message: string): void {
  setCellMessage(ws, address, title, message, false);
}

export function clearPrompt(ws: Excel.Worksheet, address: string): void {
  ws.getRange(address).dataValidation.prompt = { showPrompt: false, title: "", message: "" };
}
