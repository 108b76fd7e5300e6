/** "Open the report": an import's report page of the CRM in the user's browser (History, Import). */
import { Button } from "@fluentui/react-components";
import { paneMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { ErrorBar } from "../ui";

export function ReportButton(props: { importId: string }) {
  const actions = useActions();
  const task = useTask();
  return (
    <>
      <Button onClick={() => void task.run(() => actions.openReport(props.importId))}>
        {text.openReport}
      </Button>
      <ErrorBar error={task.error} />
    </>
  );
}
