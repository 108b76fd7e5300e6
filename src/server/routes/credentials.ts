/**
 * Personal API tokens (for scripts and the CLI) and passwords. Every token expires; every token can
 * be listed and revoked by id, an organisation's first admin token included. An admin sees and
 * revokes the organisation's tokens; anyone else only their own.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { allow } from "../auth";
import { ApiError, notFound } from "../errors";
import { newToken } from "../ids";
import { getUser, insertToken, PERSONAL_TOKEN_DAYS } from "../repositories/organisations";
import { listTokens, revokeTokenById } from "../repositories/tokens";
import { setPasswordHash } from "../repositories/users";
import { hashPassword } from "../services/passwords";
import { signInMessages } from "../sign-in-messages";
import { apiMessages } from "../messages";
import {
  newPasswordSchema,
  newTokenSchema,
  tokenCreatedSchema,
  tokenInfoSchema,
} from "../schemas/credentials";
import { adminErrors, idParams, okSchema, routeSchema } from "./route-schema";

export async function credentialRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A revoked token or a changed password: this instance forgets the principals it read.
  app.addHook("onSend", async (request, reply) => {
    if (request.method !== "GET" && reply.statusCode < 400) app.recent.principals.clear();
  });

  r.get(
    "/tokens",
    routeSchema(
      "tokens",
      { summary: "Live tokens: the organisation's for an admin, one's own for anyone else" },
      z.object({ items: z.array(tokenInfoSchema) }),
      adminErrors,
    ),
    async (request) => {
      const p = allow(request, "read");
      const items = await listTokens(app.db, p.orgId, p.role === "admin" ? null : p.userId);
      return { items: items.map((t) => ({ ...t, current: t.id === p.tokenId })) };
    },
  );

  r.post(
    "/tokens",
    routeSchema("tokens", { body: newTokenSchema }, tokenCreatedSchema, adminErrors, 201),
    async (request, reply) => {
      const p = allow(request, "admin");
      const user = await getUser(app.db, p.orgId, request.body.userId);
      if (!user) throw notFound("user");
      const { token } = newToken();
      const days = request.body.expiresInDays ?? PERSONAL_TOKEN_DAYS;
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      const id = await insertToken(app.db, user, token, expiresAt);
      reply.code(201);
      return { id, token, userId: user.id, expiresAt: expiresAt.toISOString() };
    },
  );

  r.delete(
    "/tokens/:id",
    routeSchema("tokens", { params: idParams }, okSchema, adminErrors),
    async (request) => {
      const p = allow(request, "read");
      const owner = p.role === "admin" ? null : p.userId;
      if (!(await revokeTokenById(app.db, p.orgId, request.params.id, owner))) throw notFound("token");
      return { ok: true as const };
    },
  );

  r.put(
    "/users/:id/password",
    routeSchema(
      "admin",
      { summary: "Sets the password a user signs in with", params: idParams, body: newPasswordSchema },
      okSchema,
      adminErrors,
    ),
    async (request) => {
      const p = allow(request, "admin");
      const result = await setPasswordHash(
        app.db,
        p.orgId,
        request.params.id,
        await hashPassword(request.body.password, app.passwordCost),
      );
      if (result === "not_found") throw notFound("user");
      if (result === "email_taken")
        throw new ApiError(409, "email_taken", apiMessages.invalidRequest(signInMessages.emailTaken));
      return { ok: true as const };
    },
  );
}
