/**
 * Copies text for the user. The async Clipboard API first; inside an Office iframe it is often
 * refused (permissions policy), so then the old way: a selected textarea and execCommand("copy").
 * Resolves false when neither worked, so the step can show the text selected for Ctrl+C.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    const clipboard = doc.defaultView?.navigator.clipboard;
    if (clipboard?.writeText) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused: try the fallback below.
  }
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  doc.body.append(area);
  area.focus();
  area.select();
  try {
    // Deprecated but still the only copy that works where the Clipboard API is blocked.
    return typeof doc.execCommand === "function" && doc.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
