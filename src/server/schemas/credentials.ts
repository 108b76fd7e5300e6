/** Bodies of the token and password routes (routes/credentials.ts). */
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../services/passwords";

export const newTokenSchema = z.object({
  userId: z.string().max(64),
  /** 90 days when not given; a year at most. */
  expiresInDays: z.number().int().min(1).max(365).optional(),
});
export const tokenCreatedSchema = z.object({
  id: z.string(),
  token: z.string(),
  userId: z.string(),
  expiresAt: z.string(),
});
export const tokenInfoSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  kind: z.enum(["personal", "session"]),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The token this request was made with. */
  current: z.boolean(),
});
export const newPasswordSchema = z.object({ password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX) });
