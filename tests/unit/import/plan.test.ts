/**
 * The import plan (shared, pure): validated rows against what the tenant holds. Units are matched by name
 * without case or extra spaces, accounts by normalized login; a second run of the same rows changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  countPlan,
  normalizeImportPhone,
  planImport,
  planIsEmpty,
  roleFromWord,
  unitTypeFromLabel,
  validateImportRows,
  type ExistingAccount,
  type ExistingUnit,
  type PlanContext,
} from '../../../src/shared/import';
import { UNIT_TYPES } from '../../../src/shared/records';

const TENANT = 'tenant-a';
let n = 0;
const ctx = (units: ExistingUnit[] = [], accounts: ExistingAccount[] = []): PlanContext => ({
  units,
  accounts,
  tenantId: TENANT,
  selfId: 'self',
  newId: () => `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
});

const rows = validateImportRows({
  units: [
    { row: 2, name: 'Dinas Kesehatan', type: 'OPD' },
    { row: 3, name: 'Puskesmas Malili', type: 'Puskesmas' },
  ],
  accounts: [
    {
      row: 2,
      name: 'Siti',
      email: 'siti@contoh.go.id',
      phone: '',
      role: 'Inovator',
      units: 'puskesmas malili',
    },
    {
      row: 3,
      name: 'Andi',
      email: '',
      phone: '0812 3456 7890',
      role: 'Pendamping',
      units: 'Dinas Kesehatan;Puskesmas Malili',
    },
  ],
});

describe('planning an import', () => {
  it('creates everything in an empty tenant, accounts pointing at the new units', () => {
    const plan = planImport(rows, ctx());
    expect(plan.errors).toEqual([]);
    expect(countPlan(plan)).toEqual({
      units: { create: 2, update: 0, unchanged: 0 },
      accounts: { create: 2, update: 0, unchanged: 0 },
    });
    expect(plan.unitIds.size).toBe(2);
  });

  it('the same rows against what the first import made change nothing', () => {
    const existing: ExistingUnit[] = [
      { id: 'u1', name: 'dinas  kesehatan ', type: 'opd', createdAt: 1 },
      { id: 'u2', name: 'Puskesmas Malili', type: 'puskesmas', createdAt: 2 },
      // A later unit of the same name: the oldest is matched.
      { id: 'u3', name: 'DINAS KESEHATAN', type: 'opd', createdAt: 3 },
    ];
    const accounts: ExistingAccount[] = [
      {
        id: 'a1',
        tenantId: TENANT,
        name: 'Siti',
        email: 'siti@contoh.go.id',
        phone: null,
        role: 'innovator',
        unitIds: ['u2'],
      },
      {
        id: 'a2',
        tenantId: TENANT,
        name: 'Andi',
        email: null,
        phone: '6281234567890',
        role: 'facilitator',
        unitIds: ['u2', 'u1'],
      },
    ];
    const plan = planImport(rows, ctx(existing, accounts));
    expect(plan.errors).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    expect(plan.unitIds.get('dinas kesehatan')).toBe('u1');
  });

  it('says what would change', () => {
    const existing: ExistingUnit[] = [
      { id: 'u1', name: 'Dinas Kesehatan', type: 'lainnya', createdAt: 1 },
      { id: 'u2', name: 'Puskesmas Malili', type: 'puskesmas', createdAt: 2 },
    ];
    const accounts: ExistingAccount[] = [
      {
        id: 'a1',
        tenantId: TENANT,
        name: 'Siti R.',
        email: 'siti@contoh.go.id',
        phone: null,
        role: 'viewer',
        unitIds: [],
      },
    ];
    const plan = planImport(rows, ctx(existing, accounts));
    expect(plan.units[0]).toMatchObject({ status: 'update', type: 'opd', previousType: 'lainnya' });
    expect(plan.accounts[0]).toMatchObject({ status: 'update', changes: ['name', 'role', 'units'] });
    expect(plan.accounts[1]!.status).toBe('create');
    expect(planIsEmpty(plan)).toBe(false);
  });

  it('creates an account whose login another tenant uses (no leak, issue #17) and refuses an unknown unit', () => {
    const accounts: ExistingAccount[] = [
      {
        id: 'x',
        tenantId: 'tenant-b',
        name: 'Siti',
        email: 'siti@contoh.go.id',
        phone: null,
        role: 'innovator',
        unitIds: [],
      },
    ];
    const only = validateImportRows({
      units: [],
      accounts: [
        { row: 2, name: 'Siti', email: 'siti@contoh.go.id', phone: '', role: 'Inovator', units: '' },
        {
          row: 3,
          name: 'Budi',
          email: 'budi@contoh.go.id',
          phone: '',
          role: 'Inovator',
          units: 'Puskesmas Nuha',
        },
      ],
    });
    const plan = planImport(only, ctx([], accounts));
    expect(plan.errors.map((e) => [e.row, e.column, e.message.en])).toEqual([
      [3, 'unit', 'Unit not found: Puskesmas Nuha. Add it to the Unit sheet.'],
    ]);
    expect(plan.accounts).toMatchObject([{ row: 2, email: 'siti@contoh.go.id', status: 'create' }]);
    expect(plan.matched.size).toBe(0);
  });

  it("refuses changing the importing coordinator's own role", () => {
    const me: ExistingAccount = {
      id: 'self',
      tenantId: TENANT,
      name: 'Siti',
      email: 'siti@contoh.go.id',
      phone: null,
      role: 'coordinator',
      unitIds: [],
    };
    const plan = planImport(rows, ctx([], [me]));
    expect(plan.errors[0]).toMatchObject({ sheet: 'account', row: 2, column: 'peran' });
  });
});

describe('the file vocabulary', () => {
  it('maps unit type labels to stored values, falling back while a type is missing', () => {
    expect(unitTypeFromLabel(' opd ')).toBe('opd');
    expect(unitTypeFromLabel('PUSKESMAS')).toBe('puskesmas');
    expect(unitTypeFromLabel('UPTD')).toBe('lainnya');
    expect(unitTypeFromLabel('Kantor Pos')).toBeNull();
    // With the list another engineer is adding, RSUD and Kelurahan get their own types.
    const next = ['opd', 'puskesmas', 'rsud', 'kecamatan', 'kelurahan', 'lainnya'];
    expect(unitTypeFromLabel('RSUD', next)).toBe('rsud');
    expect(unitTypeFromLabel('Kelurahan', next)).toBe('kelurahan');
    expect(unitTypeFromLabel('Desa', next)).toBe('kelurahan');
    const now = [...UNIT_TYPES] as string[];
    expect(unitTypeFromLabel('RSUD', now)).toBe(now.includes('rsud') ? 'rsud' : 'opd');
    expect(unitTypeFromLabel('Desa', ['opd', 'puskesmas', 'kecamatan', 'lainnya'])).toBe('lainnya');
  });

  it("accepts the programme's role words and the stored values", () => {
    expect(roleFromWord('Admin lokal')).toBe('coordinator');
    expect(roleFromWord('PENDAMPING')).toBe('facilitator');
    expect(roleFromWord('Inovator')).toBe('innovator');
    expect(roleFromWord('Pimpinan')).toBe('viewer');
    expect(roleFromWord('viewer')).toBe('viewer');
    expect(roleFromWord('Bupati')).toBeNull();
  });

  it('normalizes phones to 62… whatever the spacing or prefix (tests/integration/import: as the server does)', () => {
    for (const p of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 345 67890'])
      expect(normalizeImportPhone(p)).toBe('6281234567890');
  });
});
