/**
 * Account and session API messages (sign-in, tokens, accounts managed by coordinators), shared by the browser
 * and the server. Sync messages live in `protocol.ts`. Request and answer bodies are named with `.meta({ id })`, the
 * name they have in the server's OpenAPI document and the generated client types.
 */
import { z } from 'zod';
import { personRoleSchema, recordIdSchema } from './records';
import { MAX_PASSWORD_LENGTH, MIN_NEW_PASSWORD_LENGTH } from './passwordLength';

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

/** A password being set (new account, change). The common-password check is `newPasswordProblem`. */
export const passwordSchema = z
  .string()
  .min(
    MIN_NEW_PASSWORD_LENGTH,
    `Kata sandi minimal ${MIN_NEW_PASSWORD_LENGTH} karakter / password needs at least ${MIN_NEW_PASSWORD_LENGTH} characters`,
  )
  .max(MAX_PASSWORD_LENGTH, 'Kata sandi terlalu panjang / password too long');

export const signInRequestSchema = z
  .object({ login: loginSchema, password: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const userSchema = z
  .object({
    id: recordIdSchema,
    tenantId: z.string(),
    tenantName: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: personRoleSchema,
    /** Units the user works in (innovator) or is assigned to (facilitator); empty for coordinators and viewers. */
    unitIds: z.array(recordIdSchema),
    /**
     * A coordinator set a one-time password (new account or reset): the app shows only the change-password screen
     * and the server refuses other calls until it is changed. Absent in profiles stored before it existed: false.
     */
    mustChangePassword: z.boolean().optional(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const sessionTokensSchema = z
  .object({
    accessToken: z.string(),
    /** Epoch ms. Access tokens are short-lived; the refresh token renews them and can be revoked. */
    accessExpiresAt: z.number().int(),
    refreshToken: z.string(),
    user: userSchema,
  })
  .meta({ id: 'SessionTokens' });
export type SessionTokens = z.infer<typeof sessionTokensSchema>;

/** The refresh token, for a refresh or a sign-out. */
export const refreshRequestSchema = z
  .object({ refreshToken: z.string().min(10).max(500) })
  .strict()
  .meta({ id: 'RefreshTokenRequest' });
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
    /** Absent: the server generates a one-time password (the default in the app). Either way it must be changed at first sign-in. */
    password: passwordSchema.optional(),
    role: personRoleSchema,
    unitIds: z.array(recordIdSchema).max(200),
  })
  .strict()
  .refine((v) => v.email !== null || v.phone !== null, {
    message: 'Isi email atau nomor HP / give an email or a phone number',
  })
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
    version: z.string(),
  })
  .meta({ id: 'Health' });

/** An account as a coordinator sees it in the account list (added for the accounts API). */
export const accountSchema = userSchema
  .extend({
    disabled: z.boolean(),
    /** Epoch ms. */
    createdAt: z.number().int(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;

/** The created account, with the one-time password when the server generated it (shown once, never stored). */
export const createAccountResponseSchema = accountSchema
  .extend({ oneTimePassword: z.string().optional() })
  .meta({ id: 'CreateAccountResponse' });
export type CreateAccountResponse = z.infer<typeof createAccountResponseSchema>;

/** A coordinator's reset: the account, and its new one-time password (shown once). */
export const resetPasswordResponseSchema = z
  .object({ account: accountSchema, oneTimePassword: z.string() })
  .meta({ id: 'ResetPasswordResponse' });
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponseSchema>;

/** Changing one's own password; the answer is a fresh session for this device (other devices are signed out). */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1, 'Isi kata sandi sekarang / enter your current password').max(200),
    newPassword: passwordSchema,
  })
  .strict()
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** One place a person is signed in: a live refresh-token family (one per sign-in on a device). */
export const signedInDeviceSchema = z
  .object({
    id: z.string(),
    /** As the browser sent it at sign-in (at most 300 characters); `describeUserAgent` makes it readable. */
    userAgent: z.string(),
    /** Epoch ms. */
    signedInAt: z.number().int(),
    /** Epoch ms: the last sign-in or token refresh. */
    lastUsedAt: z.number().int(),
    /** The device that asked. */
    current: z.boolean(),
  })
  .meta({ id: 'SignedInDevice' });
export type SignedInDevice = z.infer<typeof signedInDeviceSchema>;
export const signedInDeviceListSchema = z
  .object({ devices: z.array(signedInDeviceSchema) })
  .meta({ id: 'SignedInDeviceList' });
export const signedOutDevicesSchema = z
  .object({ signedOut: z.number().int() })
  .meta({ id: 'SignedOutDevices' });

export const accountListResponseSchema = z
  .object({ accounts: z.array(accountSchema) })
  .meta({ id: 'AccountList' });
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
  })
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;
