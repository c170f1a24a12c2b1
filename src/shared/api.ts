/**
 * Account and session API messages (sign-in, tokens, accounts managed by coordinators), shared by the browser
 * and the server. Sync messages live in `protocol.ts`.
 */
import { z } from 'zod';
import { personRoleSchema, recordIdSchema } from './records';

/** Email address or Indonesian phone number (08…, +62…, 62…). */
export const loginSchema = z
  .string()
  .trim()
  .min(3, 'Isi email atau nomor HP / enter an email or phone number')
  .max(200)
  .refine(
    (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) || /^(\+?62|0)8\d{7,12}$/.test(v.replace(/[\s-]/g, '')),
    {
      message: 'Email atau nomor HP tidak sah / not a valid email or phone number',
    },
  );

export const passwordSchema = z
  .string()
  .min(8, 'Kata sandi minimal 8 karakter / password needs at least 8 characters')
  .max(200, 'Kata sandi terlalu panjang / password too long');

export const signInRequestSchema = z.object({ login: loginSchema, password: z.string().min(1).max(200) });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const userSchema = z.object({
  id: recordIdSchema,
  tenantId: z.string(),
  tenantName: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: personRoleSchema,
  /** Units the user works in (innovator) or is assigned to (facilitator); empty for coordinators and viewers. */
  unitIds: z.array(recordIdSchema),
});
export type User = z.infer<typeof userSchema>;

export const sessionTokensSchema = z.object({
  accessToken: z.string(),
  /** Epoch ms. Access tokens are short-lived; the refresh token renews them and can be revoked. */
  accessExpiresAt: z.number().int(),
  refreshToken: z.string(),
  user: userSchema,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(500) });
export const signOutRequestSchema = refreshRequestSchema;

export const createAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'Nama wajib diisi / name is required').max(200),
    email: z.email('Email tidak sah / invalid email').max(200).nullable(),
    phone: z
      .string()
      .trim()
      .regex(/^(\+?62|0)8\d{7,12}$/, 'Nomor HP tidak sah / invalid phone number')
      .nullable(),
    password: passwordSchema,
    role: personRoleSchema,
    unitIds: z.array(recordIdSchema).max(200),
  })
  .strict()
  .refine((v) => v.email !== null || v.phone !== null, {
    message: 'Isi email atau nomor HP / give an email or a phone number',
  });
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
  version: z.string(),
});

/** An account as a coordinator sees it in the account list (added for the accounts API). */
export const accountSchema = userSchema.extend({
  disabled: z.boolean(),
  /** Epoch ms. */
  createdAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListResponseSchema = z.object({ accounts: z.array(accountSchema) });
export type AccountListResponse = z.infer<typeof accountListResponseSchema>;

/** What a coordinator may change on an account; at least one field. Disabling also revokes its sessions. */
export const updateAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'Nama wajib diisi / name is required').max(200).optional(),
    role: personRoleSchema.optional(),
    unitIds: z.array(recordIdSchema).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Tidak ada yang diubah / nothing to change',
  });
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;
