/** What we are about to send, parsed with the contract: a bad body is told in words and never sent. */
import type { z } from "zod";
import { messages } from "../domain";
import { CrmClientError } from "./errors";

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

export function parseOutgoing<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CrmClientError({
    kind: "validation",
    code: "invalid_request",
    message: messages.crm.invalidRequest(describeIssue(parsed.error)),
    cause: parsed.error,
  });
}
