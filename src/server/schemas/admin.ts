/** Server-only request and response bodies (the shared ones live in src/domain/api.ts). */
import { z } from "zod";

export const roleSchema = z.enum(["admin", "importer", "viewer"]);

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
});
export const newUserSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().email().max(254),
  role: roleSchema,
});

export const picklistNameSchema = z.object({ name: z.enum(["category", "campaign"]) });
export const picklistValueSchema = z.object({ value: z.string().trim().min(1).max(100) });

export const closedPeriodSchema = z.object({
  through: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});

export const ledgerEntrySchema = z.object({
  id: z.string(),
  customerId: z.string(),
  date: z.string(),
  lines: z.array(z.object({ account: z.string(), debit: z.number(), credit: z.number() })),
  payment: z.object({ amount: z.number(), method: z.string(), date: z.string() }).nullable(),
});

export const removedSchema = z.object({ removed: z.number().int() });

export const logEntrySchema = z.object({
  subject: z.string(),
  message: z.string(),
  details: z.unknown(),
  userId: z.string().nullable(),
  createdAt: z.string(),
});
