/**
 * Connect: the CRM's address, then Sign in, which opens the CRM's own sign-in page in a dialog. A
 * pasted personal API token is the other way, for scripts and power users, one click away.
 */
import { Button, Field, Input, Spinner } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { describeError } from "../../workflows/deps";
import type { ConnectResult } from "../../workflows/pane-actions";
import { paneMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

type Failure = { url?: string; token?: string; other?: string };

export function ConnectStep(props: { notice?: string | undefined; onConnected: () => void }) {
  const actions = useActions();
  const styles = useStepStyles();
  const [url, setUrl] = useState("");
  const [token, setToken] = useState("");
  const [withToken, setWithToken] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function run(attempt: () => Promise<ConnectResult>) {
    setBusy(true);
    setFailure(null);
    const result = await attempt().catch((e: unknown) => ({
      ok: false as const,
      field: null,
      message: describeError(e),
    }));
    setBusy(false);
    if (result.ok) props.onConnected();
    else setFailure(result.field ? { [result.field]: result.message } : { other: result.message });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!withToken) return void run(() => actions.signIn(url));
    // Both empty fields are flagged at once, not one per try.
    const missing: Failure = {
      ...(url.trim() ? {} : { url: text.urlMissing }),
      ...(token.trim() ? {} : { token: text.tokenMissing }),
    };
    if (missing.url || missing.token) return setFailure(missing);
    void run(() => actions.connect(url, token));
  }

  return (
    <StepFrame heading={text.connectHeading}>
      <ErrorBar error={failure ? null : (props.notice ?? null)} />
      <form className={styles.step} onSubmit={submit} noValidate>
        <Field label={text.crmUrl} hint={text.crmUrlHint} validationMessage={failure?.url} required>
          <Input
            value={url}
            onChange={(_, d) => setUrl(d.value)}
            autoComplete="url"
            inputMode="url"
            spellCheck={false}
          />
        </Field>
        {withToken ? (
          <Field label={text.token} hint={text.tokenHint} validationMessage={failure?.token} required>
            <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="off" />
          </Field>
        ) : null}
        {failure?.other ? <ErrorBar error={failure.other} /> : null}
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {withToken ? text.connect : text.signIn}
          </Button>
          {busy ? <Spinner size="tiny" label={text.busy} /> : null}
        </div>
        {withToken ? null : (
          <Button appearance="subtle" onClick={() => setWithToken(true)} disabled={busy}>
            {text.useToken}
          </Button>
        )}
      </form>
    </StepFrame>
  );
}
