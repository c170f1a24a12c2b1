/**
 * Bulk import of units and accounts (what a Bagian Organisasi keeps in Excel): the file's vocabulary (sheet and
 * column names, unit types, role words), the rows as they travel to the server (raw cell text, so the server
 * validates with exactly these schemas), the per-row validation with bilingual messages, and the import plan
 * (what will be created, what exists unchanged, what would change). Pure: the browser runs it for the first
 * check, the server again on the rows it receives and on what its database holds.
 */
import { z } from 'zod';
import { PERSON_ROLES, UNIT_TYPES, type RecordId } from './records';

/** Most rows in one file (both sheets together) and the largest file the browser reads or the server accepts. */
export const IMPORT_MAX_ROWS = 2_000;
export const IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ImportSheet = 'unit' | 'account';
export type UnitType = (typeof UNIT_TYPES)[number];
export type PersonRole = (typeof PERSON_ROLES)[number];

/** A message in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/** A shared-schema message ("Indonesian / English") split in two. */
export function splitBilingual(message: string): Bilingual {
  const parts = message.split(' / ');
  return parts.length === 2 ? { id: parts[0]!, en: parts[1]! } : { id: message, en: message };
}

/** Header, sheet and label text compared without case, accents of spacing or punctuation: "No. HP" is "no hp". */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Units are matched by name without case and with spaces collapsed: " Dinas  Kesehatan" is "dinas kesehatan". */
export function unitNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

export const SHEET_NAMES: Record<ImportSheet, readonly string[]> = {
  unit: ['unit', 'units', 'daftar unit'],
  account: ['akun', 'account', 'accounts', 'daftar akun', 'pengguna', 'users'],
};

/** The sheet a worksheet name stands for, or null. */
export function sheetOf(name: string): ImportSheet | null {
  const word = normalizeWord(name);
  for (const sheet of ['unit', 'account'] as const) if (SHEET_NAMES[sheet].includes(word)) return sheet;
  return null;
}

/** Column headers in Indonesian or English (any case); `parent` (induk) is read and ignored. */
export const UNIT_COLUMNS = {
  name: ['nama', 'name', 'nama unit', 'unit name', 'unit'],
  type: ['jenis', 'type', 'tipe', 'jenis unit', 'unit type'],
  parent: ['induk', 'parent', 'unit induk', 'parent unit'],
} as const;
export const ACCOUNT_COLUMNS = {
  name: ['nama', 'name', 'nama lengkap', 'full name'],
  email: ['email', 'e mail', 'surel', 'alamat email'],
  phone: [
    'telepon',
    'phone',
    'hp',
    'no hp',
    'nomor hp',
    'no telepon',
    'nomor telepon',
    'telp',
    'phone number',
  ],
  role: ['peran', 'role'],
  units: ['unit', 'units', 'nama unit', 'unit kerja'],
} as const;
export type UnitColumn = keyof typeof UNIT_COLUMNS;
export type AccountColumn = keyof typeof ACCOUNT_COLUMNS;

/** The column names shown in messages and the template (Indonesian first, as the coordinator's file has them). */
export const COLUMN_LABELS: Record<ImportSheet, Record<string, Bilingual>> = {
  unit: {
    name: { id: 'nama', en: 'name' },
    type: { id: 'jenis', en: 'type' },
    parent: { id: 'induk', en: 'parent' },
  },
  account: {
    name: { id: 'nama', en: 'name' },
    email: { id: 'email', en: 'email' },
    phone: { id: 'telepon', en: 'phone' },
    role: { id: 'peran', en: 'role' },
    units: { id: 'unit', en: 'units' },
  },
};

/** Which field each header of a sheet stands for (by position); null for a column not ours (ignored). */
export function mapHeaders(sheet: ImportSheet, headers: readonly string[]): (string | null)[] {
  const columns: Record<string, readonly string[]> = sheet === 'unit' ? UNIT_COLUMNS : ACCOUNT_COLUMNS;
  const taken = new Set<string>();
  return headers.map((header) => {
    const word = normalizeWord(header);
    for (const [field, names] of Object.entries(columns)) {
      if (names.includes(word) && !taken.has(field)) {
        taken.add(field);
        return field;
      }
    }
    return null;
  });
}

/** Required columns a sheet's headers lack (account sheets need email or phone, at least one of them). */
export function missingColumns(sheet: ImportSheet, fields: readonly (string | null)[]): string[] {
  const has = (f: string) => fields.includes(f);
  const required = sheet === 'unit' ? ['name', 'type'] : ['name', 'role'];
  const missing = required.filter((f) => !has(f));
  if (sheet === 'account' && !has('email') && !has('phone')) missing.push('email');
  return missing;
}

/**
 * Unit type labels as people write them, each with the stored values it may become, best first: the first one
 * present in `UNIT_TYPES` is used. So when 'rsud' and 'kelurahan' join UNIT_TYPES, "RSUD" and "Kelurahan" map to
 * them with no change here; until then they fall back to the next choice.
 */
export const UNIT_TYPE_LABELS: readonly { labels: readonly string[]; values: readonly string[] }[] = [
  {
    labels: ['opd', 'dinas', 'badan', 'agency', 'agency opd', 'organisasi perangkat daerah'],
    values: ['opd'],
  },
  { labels: ['puskesmas', 'health centre', 'health center'], values: ['puskesmas'] },
  { labels: ['rsud', 'rumah sakit', 'rumah sakit umum daerah', 'hospital'], values: ['rsud', 'opd'] },
  { labels: ['kecamatan', 'district'], values: ['kecamatan'] },
  { labels: ['kelurahan', 'urban village'], values: ['kelurahan', 'lainnya'] },
  // A desa is a village government, not part of the regency's apparatus: beside a kelurahan when that exists.
  { labels: ['desa', 'village'], values: ['kelurahan', 'lainnya'] },
  // A UPTD is a technical unit of some dinas, of no one kind: "other" unless a better type is given.
  { labels: ['uptd'], values: ['lainnya'] },
  { labels: ['lainnya', 'lain lain', 'other', 'others'], values: ['lainnya'] },
];

/** The stored unit type for a label ("Puskesmas", "RSUD", "opd"), or null when it is none we know. */
export function unitTypeFromLabel(label: string, types: readonly string[] = UNIT_TYPES): string | null {
  const word = normalizeWord(label);
  if (types.includes(word)) return word;
  for (const entry of UNIT_TYPE_LABELS) {
    if (!entry.labels.includes(word)) continue;
    return entry.values.find((v) => types.includes(v)) ?? null;
  }
  return null;
}

/** The programme's role words ("Admin lokal", "Pendamping", ...), the app's own labels and the stored values. */
export const ROLE_WORDS: Record<PersonRole, readonly string[]> = {
  coordinator: ['admin lokal', 'admin', 'koordinator', 'coordinator'],
  facilitator: ['pendamping', 'fasilitator', 'facilitator'],
  innovator: ['inovator', 'innovator'],
  viewer: ['pimpinan', 'pembaca', 'viewer'],
};

export function roleFromWord(word: string): PersonRole | null {
  const w = normalizeWord(word);
  for (const role of PERSON_ROLES) if (ROLE_WORDS[role].includes(w)) return role;
  return null;
}

/** Phones are compared as 62…, the way the account service stores them ("0812-3456 789" is "628123456789"). */
export function normalizeImportPhone(phone: string): string {
  const digits = phone.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

export function normalizeImportEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Rows as they travel: raw cell text with the row number the person sees in Excel.

const cell = (max: number) => z.string().max(max, `Isi sel terlalu panjang (maks. ${max}) / cell too long`);
/**
 * Longest cell text each field travels with; the reader clips to it, so an overlong cell becomes that row's error
 * ("too long") instead of refusing the whole request.
 */
const RAW_MAX: Record<string, number> = {
  name: 1_000,
  type: 200,
  email: 1_000,
  phone: 200,
  role: 200,
  units: 20_000,
};
const rowNumberSchema = z.number().int().min(1).max(1_048_576);

export const importUnitRowSchema = z
  .object({ row: rowNumberSchema, name: cell(RAW_MAX.name!), type: cell(RAW_MAX.type!) })
  .strict()
  .meta({ id: 'ImportUnitRow' });
export const importAccountRowSchema = z
  .object({
    row: rowNumberSchema,
    name: cell(RAW_MAX.name!),
    email: cell(RAW_MAX.email!),
    phone: cell(RAW_MAX.phone!),
    role: cell(RAW_MAX.role!),
    /** Unit names separated by ";". */
    units: cell(RAW_MAX.units!),
  })
  .strict()
  .meta({ id: 'ImportAccountRow' });
export type ImportUnitRow = z.infer<typeof importUnitRowSchema>;
export type ImportAccountRow = z.infer<typeof importAccountRowSchema>;

const tooManyRows = `Terlalu banyak baris (maks. ${IMPORT_MAX_ROWS} per berkas) / too many rows (max. ${IMPORT_MAX_ROWS} per file)`;

export const importRequestSchema = z
  .object({
    /** true: only the preview, nothing written. false: everything in one transaction, or nothing. */
    dryRun: z.boolean(),
    units: z.array(importUnitRowSchema).max(IMPORT_MAX_ROWS, tooManyRows),
    accounts: z.array(importAccountRowSchema).max(IMPORT_MAX_ROWS, tooManyRows),
  })
  .strict()
  .refine((r) => r.units.length + r.accounts.length <= IMPORT_MAX_ROWS, { message: tooManyRows })
  .refine((r) => r.units.length + r.accounts.length > 0, {
    message: 'Berkas tidak berisi baris data / the file has no data rows',
  })
  .meta({ id: 'ImportRequest' });
export type ImportRequest = z.infer<typeof importRequestSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Per-row validation: each raw row through a schema that turns cell text into values.

const unitNameSchema = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Nama unit wajib diisi / unit name is required')
      .max(200, 'Nama unit terlalu panjang (maks. 200) / unit name too long (max. 200)'),
  );

const unitTypeSchema = z.string().transform((v, ctx) => {
  const type = unitTypeFromLabel(v);
  if (type === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        v.trim() === ''
          ? 'Jenis unit wajib diisi / unit type is required'
          : 'Jenis unit tidak dikenal (OPD, Puskesmas, RSUD, Kecamatan, Kelurahan, Desa, UPTD, Lainnya) / unknown unit type',
    });
    return z.NEVER;
  }
  return type as UnitType;
});

const personNameSchema = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Nama wajib diisi / name is required')
      .max(200, 'Nama terlalu panjang (maks. 200) / name too long (max. 200)'),
  );

const emailCellSchema = z
  .string()
  .transform((v) => v.trim())
  .pipe(z.union([z.literal(''), z.email('Email tidak sah / invalid email').max(200)]))
  .transform((v) => (v === '' ? null : normalizeImportEmail(v)));

const phoneCellSchema = z
  .string()
  .transform((v) => v.trim().replace(/[\s\-().]/g, ''))
  // Excel keeps a phone typed as a number without its leading 0: 81234567890 is 081234567890.
  .transform((v) => (/^8\d{7,12}$/.test(v) ? `0${v}` : v))
  .pipe(
    z.union([
      z.literal(''),
      z.string().regex(/^(\+?62|0)8\d{7,12}$/, 'Nomor HP tidak sah / invalid phone number'),
    ]),
  )
  .transform((v) => (v === '' ? null : normalizeImportPhone(v)));

const roleCellSchema = z.string().transform((v, ctx) => {
  const role = roleFromWord(v);
  if (role === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        v.trim() === ''
          ? 'Peran wajib diisi / role is required'
          : 'Peran tidak dikenal (Admin lokal, Pendamping, Inovator, Pimpinan) / unknown role',
    });
    return z.NEVER;
  }
  return role;
});

const unitListSchema = z
  .string()
  .transform((v) =>
    v
      .split(';')
      .map((n) => n.trim().replace(/\s+/g, ' '))
      .filter((n) => n !== ''),
  )
  .pipe(
    z
      .array(z.string().max(200, 'Nama unit terlalu panjang (maks. 200) / unit name too long (max. 200)'))
      .max(200, 'Terlalu banyak unit (maks. 200) / too many units (max. 200)'),
  );

export const validUnitRowSchema = z.object({
  row: rowNumberSchema,
  name: unitNameSchema,
  type: unitTypeSchema,
});
export const validAccountRowSchema = z
  .object({
    row: rowNumberSchema,
    name: personNameSchema,
    email: emailCellSchema,
    phone: phoneCellSchema,
    role: roleCellSchema,
    units: unitListSchema,
  })
  .refine((v) => v.email !== null || v.phone !== null, {
    path: ['email'],
    message: 'Isi email atau nomor HP / give an email or a phone number',
  });
export type ValidUnitRow = z.output<typeof validUnitRowSchema>;
export type ValidAccountRow = z.output<typeof validAccountRowSchema>;

export const rowErrorSchema = z
  .object({
    sheet: z.enum(['unit', 'account']),
    /** The row number as the person sees it in Excel (the header is row 1); 0 for the whole file. */
    row: z.number().int().nonnegative(),
    /** The column (its Indonesian header name), or '' for the whole row. */
    column: z.string(),
    message: z.object({ id: z.string(), en: z.string() }),
  })
  .meta({ id: 'ImportRowError' });
export type RowError = z.infer<typeof rowErrorSchema>;

const rowError = (
  sheet: ImportSheet,
  row: number,
  column: string,
  message: string | Bilingual,
): RowError => ({
  sheet,
  row,
  column: COLUMN_LABELS[sheet][column]?.id ?? '',
  message: typeof message === 'string' ? splitBilingual(message) : message,
});

export interface ValidatedImport {
  units: ValidUnitRow[];
  accounts: ValidAccountRow[];
  errors: RowError[];
}

/** Every row through its schema, then the checks across rows (a unit name or a login twice in the file). */
export function validateImportRows(request: Pick<ImportRequest, 'units' | 'accounts'>): ValidatedImport {
  const errors: RowError[] = [];
  const units: ValidUnitRow[] = [];
  const accounts: ValidAccountRow[] = [];
  const unitRows = new Map<string, number>();
  for (const raw of request.units) {
    const parsed = validUnitRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(rowError('unit', raw.row, String(issue.path[0] ?? ''), issue.message));
      continue;
    }
    const key = unitNameKey(parsed.data.name);
    const first = unitRows.get(key);
    if (first !== undefined) {
      errors.push(
        rowError('unit', raw.row, 'name', {
          id: `Unit ini sudah ada di baris ${first}`,
          en: `This unit is already in row ${first}`,
        }),
      );
      continue;
    }
    unitRows.set(key, raw.row);
    units.push(parsed.data);
  }
  const loginRows = new Map<string, number>();
  for (const raw of request.accounts) {
    const parsed = validAccountRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(rowError('account', raw.row, String(issue.path[0] ?? ''), issue.message));
      continue;
    }
    const keys = [
      parsed.data.email && `email:${parsed.data.email}`,
      parsed.data.phone && `phone:${parsed.data.phone}`,
    ];
    const clash = keys.map((k) => (k ? loginRows.get(k) : undefined)).find((r) => r !== undefined);
    if (clash !== undefined) {
      errors.push(
        rowError('account', raw.row, parsed.data.email ? 'email' : 'phone', {
          id: `Email atau nomor HP ini sudah ada di baris ${clash}`,
          en: `This email or phone number is already in row ${clash}`,
        }),
      );
      continue;
    }
    for (const k of keys) if (k) loginRows.set(k, raw.row);
    accounts.push(parsed.data);
  }
  return { units, accounts, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// The plan: the validated rows against what the tenant already has.

export interface ExistingUnit {
  id: RecordId;
  name: string;
  type: string;
  createdAt: number;
}

export interface ExistingAccount {
  id: string;
  tenantId: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: PersonRole;
  unitIds: string[];
}

export const IMPORT_STATUSES = ['create', 'update', 'unchanged'] as const;
const statusSchema = z.enum(IMPORT_STATUSES);

export const unitPlanSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  type: z.string(),
  status: statusSchema,
  /** The stored type before the change (status 'update'). */
  previousType: z.string().optional(),
});
export const accountPlanSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(PERSON_ROLES),
  unitNames: z.array(z.string()),
  status: statusSchema,
  /** What changes on an existing account (status 'update'). */
  changes: z.array(z.enum(['name', 'role', 'units'])),
});
export type UnitPlan = z.infer<typeof unitPlanSchema>;
export type AccountPlan = z.infer<typeof accountPlanSchema>;

export const importPreviewSchema = z
  .object({
    units: z.array(unitPlanSchema),
    accounts: z.array(accountPlanSchema),
    errors: z.array(rowErrorSchema),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** A new account's login and its one-time password: in the commit's answer only, never stored in clear. */
export const issuedPasswordSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  login: z.string(),
  password: z.string(),
});
export type IssuedPassword = z.infer<typeof issuedPasswordSchema>;

export const importResultSchema = importPreviewSchema
  .extend({
    committed: z.literal(true),
    passwords: z.array(issuedPasswordSchema),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;

export interface ImportPlan extends ImportPreview {
  /** Existing unit ids by name key, plus the new units (by key) the commit creates. */
  unitIds: Map<string, RecordId>;
  /** Existing accounts matched to rows (by row number). */
  matched: Map<number, ExistingAccount>;
}

export interface PlanContext {
  /** The tenant's live units (no tombstones). When two share a name, the oldest is matched. */
  units: ExistingUnit[];
  /** The tenant's accounts holding any login of the file (another tenant's are ignored: logins are unique per tenant). */
  accounts: ExistingAccount[];
  tenantId: string;
  /** The coordinator importing: their own role cannot change through a file. */
  selfId: string;
  /** An id for each unit to be created (the server passes uuidv7). */
  newId: () => RecordId;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Compares the validated rows with what exists: what each row creates, changes or leaves as it is. */
export function planImport(validated: ValidatedImport, ctx: PlanContext): ImportPlan {
  const errors = [...validated.errors];
  const unitIds = new Map<string, RecordId>();
  const existingByKey = new Map<string, ExistingUnit>();
  for (const u of [...ctx.units].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
    const key = unitNameKey(u.name);
    if (!existingByKey.has(key)) existingByKey.set(key, u);
  }
  for (const [key, u] of existingByKey) unitIds.set(key, u.id);

  const units: UnitPlan[] = validated.units.map((row) => {
    const key = unitNameKey(row.name);
    const existing = existingByKey.get(key);
    if (!existing) {
      unitIds.set(key, ctx.newId());
      return { row: row.row, name: row.name, type: row.type, status: 'create' };
    }
    return existing.type === row.type
      ? { row: row.row, name: existing.name, type: row.type, status: 'unchanged' }
      : { row: row.row, name: existing.name, type: row.type, status: 'update', previousType: existing.type };
  });

  const byEmail = new Map<string, ExistingAccount>();
  const byPhone = new Map<string, ExistingAccount>();
  // Another tenant's account is no obstacle, and the plan never tells that it exists (issue #17).
  for (const a of ctx.accounts.filter((x) => x.tenantId === ctx.tenantId)) {
    if (a.email !== null) byEmail.set(a.email, a);
    if (a.phone !== null) byPhone.set(a.phone, a);
  }
  const matched = new Map<number, ExistingAccount>();
  const accounts: AccountPlan[] = [];
  for (const row of validated.accounts) {
    const fail = (column: string, message: Bilingual) =>
      errors.push(rowError('account', row.row, column, message));
    const unitIdsOfRow: string[] = [];
    const unknown = row.units.filter((name) => {
      const id = unitIds.get(unitNameKey(name));
      if (id !== undefined && !unitIdsOfRow.includes(id)) unitIdsOfRow.push(id);
      return id === undefined;
    });
    if (unknown.length > 0) {
      fail('units', {
        id: `Unit tidak ditemukan: ${unknown.join('; ')}. Tambahkan di lembar Unit.`,
        en: `Unit not found: ${unknown.join('; ')}. Add it to the Unit sheet.`,
      });
      continue;
    }
    const byMail = row.email !== null ? byEmail.get(row.email) : undefined;
    const byTel = row.phone !== null ? byPhone.get(row.phone) : undefined;
    if (byMail && byTel && byMail.id !== byTel.id) {
      fail('phone', {
        id: 'Email dan nomor HP ini milik dua akun yang berbeda',
        en: 'This email and this phone number belong to two different accounts',
      });
      continue;
    }
    const existing = byMail ?? byTel;
    const plan = {
      row: row.row,
      name: row.name,
      email: row.email,
      phone: row.phone,
      role: row.role,
      unitNames: row.units,
    };
    if (!existing) {
      accounts.push({ ...plan, status: 'create', changes: [] });
      continue;
    }
    const changes: AccountPlan['changes'] = [];
    if (existing.name !== row.name) changes.push('name');
    if (existing.role !== row.role) changes.push('role');
    if (!sameSet(existing.unitIds, unitIdsOfRow)) changes.push('units');
    if (existing.id === ctx.selfId && changes.includes('role')) {
      fail('role', {
        id: 'Peran akun Anda sendiri tidak dapat diubah lewat impor',
        en: 'Your own role cannot be changed by an import',
      });
      continue;
    }
    matched.set(row.row, existing);
    accounts.push({ ...plan, status: changes.length > 0 ? 'update' : 'unchanged', changes });
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === 'unit' ? -1 : 1));
  return { units, accounts, errors, unitIds, matched };
}

/** How many rows of each kind create, change or stay. */
export function countPlan(
  preview: Pick<ImportPreview, 'units' | 'accounts'>,
): Record<'units' | 'accounts', Record<(typeof IMPORT_STATUSES)[number], number>> {
  const count = (rows: { status: (typeof IMPORT_STATUSES)[number] }[]) => ({
    create: rows.filter((r) => r.status === 'create').length,
    update: rows.filter((r) => r.status === 'update').length,
    unchanged: rows.filter((r) => r.status === 'unchanged').length,
  });
  return { units: count(preview.units), accounts: count(preview.accounts) };
}

/** True when the import would write nothing ("tidak ada perubahan"). */
export function planIsEmpty(preview: Pick<ImportPreview, 'units' | 'accounts'>): boolean {
  return [...preview.units, ...preview.accounts].every((r) => r.status === 'unchanged');
}

// In its own small module so the spreadsheet exports use it without the import code.
export { spreadsheetSafe } from './spreadsheet';

// ---------------------------------------------------------------------------------------------------------------
// From a sheet's cells (as the spreadsheet reader gives them) to rows.

/** One spreadsheet row: its number as Excel shows it and its cells' text, by column position. */
export interface TableRow {
  rowNumber: number;
  cells: readonly string[];
}

const fileProblem = (sheet: ImportSheet, message: Bilingual): RowError => ({
  sheet,
  row: 0,
  column: '',
  message,
});

export const tooManyRowsProblem = (sheet: ImportSheet): RowError =>
  fileProblem(sheet, splitBilingual(tooManyRows));

/**
 * A sheet's rows under its header row (the first non-empty one): each cell put in the field its header names,
 * blank rows skipped. Missing required columns are a problem of the whole sheet.
 */
export function rowsFromTable(
  sheet: 'unit',
  table: readonly TableRow[],
): { rows: ImportUnitRow[]; problems: RowError[] };
export function rowsFromTable(
  sheet: 'account',
  table: readonly TableRow[],
): { rows: ImportAccountRow[]; problems: RowError[] };
export function rowsFromTable(
  sheet: ImportSheet,
  table: readonly TableRow[],
): { rows: (ImportUnitRow | ImportAccountRow)[]; problems: RowError[] } {
  const filled = table.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...data] = filled;
  if (!header) return { rows: [], problems: [] };
  const fields = mapHeaders(sheet, header.cells);
  const missing = missingColumns(sheet, fields);
  if (missing.length > 0) {
    const names = missing.map((f) => COLUMN_LABELS[sheet][f]!);
    const either = sheet === 'account' && missing.includes('email');
    return {
      rows: [],
      problems: [
        fileProblem(sheet, {
          id: `Kolom tidak ditemukan: ${names.map((n) => n.id).join(', ')}${either ? ' (atau telepon)' : ''}`,
          en: `Column not found: ${names.map((n) => n.en).join(', ')}${either ? ' (or phone)' : ''}`,
        }),
      ],
    };
  }
  if (data.length > IMPORT_MAX_ROWS) return { rows: [], problems: [tooManyRowsProblem(sheet)] };
  const blank: Record<string, string> =
    sheet === 'unit' ? { name: '', type: '' } : { name: '', email: '', phone: '', role: '', units: '' };
  const rows = data.map((r) => {
    const row: Record<string, string | number> = { ...blank, row: r.rowNumber };
    fields.forEach((field, i) => {
      // 'parent' (induk) is read and ignored: units have no hierarchy here.
      if (field !== null && field !== 'parent') row[field] = (r.cells[i] ?? '').slice(0, RAW_MAX[field]);
    });
    return row as unknown as ImportUnitRow | ImportAccountRow;
  });
  return { rows, problems: [] };
}
