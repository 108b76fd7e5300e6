/** The CRM Import tab as the manifest declares it: Open pane, then the four ribbon functions. */
import { useState } from "react";
import { commandNames } from "../src/commands/command-names";
import { runCommand } from "./office-bridge";

/** Labels and button ids as in manifest.xml, so a handler reading event.source.id sees the same ids. */
export const RIBBON_COMMANDS = [
  { id: "CrmImport.NewTemplate", label: "New template", name: commandNames.newTemplate },
  { id: "CrmImport.Download", label: "Download customers", name: commandNames.downloadCustomers },
  { id: "CrmImport.Validate", label: "Validate", name: commandNames.validate },
  { id: "CrmImport.ClearMarks", label: "Clear marks", name: commandNames.clearMarks },
  { id: "CrmImport.Import", label: "Import", name: commandNames.import },
] as const;

type Status =
  { kind: "idle" } | { kind: "running"; label: string } | { kind: "done" | "failed"; text: string };

export interface RibbonProps {
  paneOpen: boolean;
  onTogglePane: () => void;
  onCommandSettled: () => void;
}

export function Ribbon({ paneOpen, onTogglePane, onCommandSettled }: RibbonProps) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const run = async (command: (typeof RIBBON_COMMANDS)[number]) => {
    setStatus({ kind: "running", label: command.label });
    try {
      await runCommand(command.name, command.id);
      setStatus({ kind: "done", text: `${command.label}: done` });
    } catch (error) {
      setStatus({
        kind: "failed",
        text: `${command.label}: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      onCommandSettled();
    }
  };

  return (
    <header className="ribbon" role="toolbar" aria-label="CRM Import">
      <span className="ribbon-tab">CRM Import</span>
      <button type="button" data-command="showTaskpane" aria-pressed={paneOpen} onClick={onTogglePane}>
        <img src="/assets/open-pane-32.png" alt="" width={32} height={32} />
        Open pane
      </button>
      {RIBBON_COMMANDS.map((command) => (
        <button
          key={command.id}
          type="button"
          data-command={command.name}
          disabled={status.kind === "running"}
          onClick={() => void run(command)}
        >
          <img src={`/assets/${iconStem(command.id)}-32.png`} alt="" width={32} height={32} />
          {command.label}
        </button>
      ))}
      <output className={`ribbon-status ${status.kind}`} role="status" data-status={status.kind}>
        {status.kind === "running" ? `${status.label}...` : status.kind === "idle" ? "" : status.text}
      </output>
    </header>
  );
}

/** "CrmImport.NewTemplate" -> "new-template", the icon file's stem in assets/. */
function iconStem(buttonId: string): string {
  return buttonId
    .replace(/^CrmImport\./, "")
    .replace(/(?<=[a-z])(?=[A-Z])/g, "-")
    .toLowerCase();
}
