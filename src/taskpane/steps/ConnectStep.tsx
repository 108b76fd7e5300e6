/** Connect: the CRM's address and an API token, checked against the CRM before they are kept. */
import { Button, Field, Input, Spinner } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { describeError } from "../../workflows/deps";
import { paneMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

export function ConnectStep(props: { notice?: string | undefined; onConnected: () => void }) {
  const actions = useActions();
  const styles = useStepStyles();
  const [url, setUrl] = useState("");
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ field: "url" | "token" | null; message: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await actions
      .connect(url, token)
      .catch((e: unknown) => ({ ok: false as const, field: null, message: describeError(e) }));
    setBusy(false);
    if (result.ok) props.onConnected();
    else setFailure({ field: result.field, message: result.message });
  }

  const fieldError = (field: "url" | "token") => (failure?.field === field ? failure.message : undefined);
  return (
    <StepFrame heading={text.connectHeading}>
      <ErrorBar error={failure ? null : (props.notice ?? null)} />
      <form className={styles.step} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={text.crmUrl} hint={text.crmUrlHint} validationMessage={fieldError("url")} required>
          <Input
            type="url"
            value={url}
            onChange={(_, d) => setUrl(d.value)}
            autoComplete="url"
            inputMode="url"
          />
        </Field>
        <Field label={text.token} hint={text.tokenHint} validationMessage={fieldError("token")} required>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="off" />
        </Field>
        {failure && failure.field === null ? <ErrorBar error={failure.message} /> : null}
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {text.connect}
          </Button>
          {busy ? <Spinner size="tiny" label={text.busy} /> : null}
        </div>
      </form>
    </StepFrame>
  );
}
