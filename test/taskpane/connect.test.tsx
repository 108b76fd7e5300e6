// @vitest-environment jsdom
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectStep } from "../../src/taskpane/steps/ConnectStep";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { fakeActions, renderPane } from "./harness";

afterEach(cleanup);

describe("Connect step", () => {
  it("signs in with the address through the CRM's page (the signIn workflow) and moves on", async () => {
    const signIn = vi.fn(() =>
      Promise.resolve({ ok: true as const, organisation: { id: "o", name: "Acme" } }),
    );
    const onConnected = vi.fn();
    renderPane(<ConnectStep onConnected={onConnected} />, fakeActions({ signIn }));
    expect(screen.queryByLabelText(new RegExp(text.token))).toBeNull();
    await userEvent.type(screen.getByLabelText(new RegExp(text.crmUrl)), "localhost:3000");
    await userEvent.click(screen.getByRole("button", { name: text.signIn }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(signIn).toHaveBeenCalledWith("localhost:3000");
  });

  it("shows why a sign-in failed, on the address when it is the address, and stays on the step", async () => {
    const signIn = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, field: "url", message: text.httpRefused })
      .mockResolvedValueOnce({ ok: false, field: null, message: text.signInClosed });
    const onConnected = vi.fn();
    renderPane(<ConnectStep onConnected={onConnected} />, fakeActions({ signIn }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.crmUrl)), "http://crm.example.com");
    await userEvent.click(screen.getByRole("button", { name: text.signIn }));
    const url = screen.getByLabelText(new RegExp(text.crmUrl));
    await waitFor(() => expect(url.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText(text.httpRefused)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.signIn }));
    expect((await screen.findByRole("alert")).textContent).toBe(text.signInClosed);
    expect(onConnected).not.toHaveBeenCalled();
  });

  it("with a token, flags both empty fields at once without calling the CRM", async () => {
    const connect = vi.fn();
    renderPane(<ConnectStep onConnected={vi.fn()} />, fakeActions({ connect }));
    await userEvent.click(screen.getByRole("button", { name: text.useToken }));
    await userEvent.click(screen.getByRole("button", { name: text.connect }));
    expect(screen.getByText(text.urlMissing)).toBeTruthy();
    expect(screen.getByText(text.tokenMissing)).toBeTruthy();
    expect(connect).not.toHaveBeenCalled();
  });

  it("checks the address and token through the connect workflow and moves on when they work", async () => {
    const connect = vi.fn(() =>
      Promise.resolve({ ok: true as const, organisation: { id: "o", name: "Acme" } }),
    );
    const onConnected = vi.fn();
    renderPane(<ConnectStep onConnected={onConnected} />, fakeActions({ connect }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.crmUrl)), "https://crm.example.com");
    await userEvent.click(screen.getByRole("button", { name: text.useToken }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.token)), "tok-123");
    await userEvent.click(screen.getByRole("button", { name: text.connect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(connect).toHaveBeenCalledWith("https://crm.example.com", "tok-123");
  });

  it("shows the CRM's refusal and stays on the step", async () => {
    const connect = vi.fn(() =>
      Promise.resolve({
        ok: false as const,
        field: null,
        message: "Cannot reach the CRM: check the address.",
      }),
    );
    const onConnected = vi.fn();
    renderPane(<ConnectStep onConnected={onConnected} />, fakeActions({ connect }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.crmUrl)), "https://nowhere.example");
    await userEvent.click(screen.getByRole("button", { name: text.useToken }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.token)), "t");
    await userEvent.click(screen.getByRole("button", { name: text.connect }));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      "Cannot reach the CRM: check the address.",
    );
    expect(onConnected).not.toHaveBeenCalled();
  });

  it("puts a refused token's message on the token field", async () => {
    const connect = vi.fn(() =>
      Promise.resolve({
        ok: false as const,
        field: "token" as const,
        message: "Your CRM token was refused.",
      }),
    );
    renderPane(<ConnectStep onConnected={vi.fn()} />, fakeActions({ connect }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.crmUrl)), "https://crm.example.com");
    await userEvent.click(screen.getByRole("button", { name: text.useToken }));
    await userEvent.type(screen.getByLabelText(new RegExp(text.token)), "bad");
    await userEvent.keyboard("{Enter}");
    const token = screen.getByLabelText(new RegExp(text.token));
    await waitFor(() => expect(token.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("Your CRM token was refused.")).toBeTruthy();
  });
});
