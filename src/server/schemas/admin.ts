/** Server-only request and response bodies (the shared ones live in src/domain/api.ts). */
import { z } from "zod";
import { isIsoDate, sheetNames, userRoles } from "../../domain";
import { apiMessages } from "../messages";

export const roleSchema = z.enum(userRoles);

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

/** A list an admin adds values to: `category`, `campaign`, or a custom picklist field's key (cf_...). */
export const picklistNameSchema = z.object({ name: z.string().trim().min(1).max(64) });
export const picklistValueSchema = z.object({
  value: z.string().trim().min(1).max(100),
  /** For a custom field: the sheet whose field it is (needed only when two sheets have that key). */
  sheet: z.enum(sheetNames).optional(),
});

export const closedPeriodSchema = z.object({
  /** A real calendar day (2026-99-99 was accepted when only its shape was checked). */
  through: z.string().refine(isIsoDate, apiMessages.notACalendarDate).nullable(),
});

export const logEntrySchema = z.object({
  subject: z.string(),
  message: z.string(),
  details: z.unknown(),
  userId: z.string().nullable(),
  createdAt: z.string(),
});
