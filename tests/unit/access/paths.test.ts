/**
 * Who writes what, per field path: every kind of person against every kind of record and the paths that
 * matter, as one table. The server's push and the phone (its screens and its store) ask these same rules.
 */
import { describe, expect, it } from 'vitest';
import {
  canRead,
  facilitatorRefusal,
  namedAccountOfPerson,
  pathRefusal,
  principalOf,
  refusedPaths,
  writeRefusalText,
  type AccessPrincipal,
  type RecordScope,
  type WriteAttempt,
  type WriteRefusal,
} from '../../../src/shared/access';
import { DELETED_PATH, applyPaths } from '../../../src/shared/fieldPaths';
import type { RecordKind } from '../../../src/shared/records';
import { aChecklistBody, aDraftBody, aFollowUp, aPersonBody, aSessionBody, aUnitBody } from '../../factories';

const TENANT = 'kab-contoh';
const UNIT = '0190a000-0000-7000-8000-000000000001';
const OTHER_UNIT = '0190a000-0000-7000-8000-000000000002';
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** The people of the matrix (user ids are person ids for people with an account). */
const WHO = {
  coordinator: principalOf({ id: id(10), tenantId: TENANT, role: 'coordinator', unitIds: [] }),
  'facilitator of the unit': principalOf({
    id: id(11),
    tenantId: TENANT,
    role: 'facilitator',
    unitIds: [UNIT],
  }),
  "the session's facilitator": principalOf({
    id: id(12),
    tenantId: TENANT,
    role: 'facilitator',
    unitIds: [UNIT],
  }),
  'facilitator of another unit': principalOf({
    id: id(13),
    tenantId: TENANT,
    role: 'facilitator',
    unitIds: [OTHER_UNIT],
  }),
  'innovator of the unit': principalOf({ id: id(14), tenantId: TENANT, role: 'innovator', unitIds: [UNIT] }),
  // Also the creator of the draft and checklist below ("a draft's creator always writes it").
  'innovator who owns the follow-up': principalOf({
    id: id(15),
    tenantId: TENANT,
    role: 'innovator',
    unitIds: [UNIT],
  }),
  'innovator of another unit': principalOf({
    id: id(16),
    tenantId: TENANT,
    role: 'innovator',
    unitIds: [OTHER_UNIT],
  }),
  viewer: principalOf({ id: id(17), tenantId: TENANT, role: 'viewer', unitIds: [UNIT] }),
  'other tenant': principalOf({ id: id(18), tenantId: 'kota-lain', role: 'coordinator', unitIds: [] }),
} satisfies Record<string, AccessPrincipal>;
type Who = keyof typeof WHO;
const EVERYONE = Object.keys(WHO) as Who[];

const COORDINATOR_ID = WHO.coordinator.userId;
const SESSION_FACILITATOR = WHO["the session's facilitator"].userId;
const FOLLOW_UP_OWNER = WHO['innovator who owns the follow-up'].userId;
const OWNED = id(100);
const NOBODYS = id(101);

const action = (ownerId: string | null | undefined, status: 'terbuka' | 'selesai' = 'terbuka') =>
  aFollowUp({
    what: 'Kumpulkan data antrean',
    who: 'Budi',
    due: '2026-12-20',
    status,
    order: 1,
    ...(ownerId === undefined ? {} : { ownerId }),
  });

const SESSION = aSessionBody({
  unitIds: [UNIT],
  facilitatorId: SESSION_FACILITATOR,
  notes: 'Catatan pendamping.',
  // An old follow-up (made before owners existed) is nobody's.
  actions: { [OWNED]: action(FOLLOW_UP_OWNER), [NOBODYS]: action(undefined) },
});
const DRAFT = aDraftBody({
  title: 'Antar jemput obat',
  unitId: UNIT,
  reviewStatus: 'diajukan',
  sections: { ringkasan: 'Ringkasan.' },
});
const CHECKLIST = aChecklistBody({ draftId: id(200), unitId: UNIT });
const UNIT_BODY = aUnitBody({ name: 'Puskesmas Sukamaju' });
const PERSON = aPersonBody({ name: 'Ibu Kader', role: 'innovator', unitIds: [UNIT] });
const PERSON_WITH_ACCOUNT = { ...PERSON, hasAccount: true };

interface Row {
  kind: RecordKind;
  what: string;
  body: Record<string, unknown>;
  createdBy: string;
  /** Field path and its new value (`deleted`: the tombstone flips). */
  path: string;
  value: unknown;
  /** The record is created (in this tenant) with this path. */
  create?: boolean;
  /** Who may write it; everyone else is refused. */
  allowed: Who[];
}

const C: Who = 'coordinator';
const F: Who = 'facilitator of the unit';
const FS: Who = "the session's facilitator";
const I: Who = 'innovator of the unit';
const IO: Who = 'innovator who owns the follow-up';

const ROWS: Row[] = [
  // Sessions: their facilitator and local admins; innovators only the status of their own follow-ups.
  ...(
    [
      ['notes', 'Catatan baru.', [C, FS]],
      ['topics', 'Topik lain.', [C, FS]],
      ['facilitatorId', WHO[F].userId, [C, FS]],
      [`actions.${OWNED}`, action(FOLLOW_UP_OWNER, 'selesai'), [C, FS, IO]],
      [`actions.${OWNED}`, { ...action(FOLLOW_UP_OWNER), what: 'Lain' }, [C, FS]],
      [`actions.${OWNED}`, { ...action(FOLLOW_UP_OWNER), status: 'batal' }, [C, FS]],
      [`actions.${OWNED}`, action(WHO['innovator of the unit'].userId), [C, FS]],
      [`actions.${OWNED}`, null, [C, FS]],
      [`actions.${NOBODYS}`, action(undefined, 'selesai'), [C, FS]],
      [`actions.${id(102)}`, action(FOLLOW_UP_OWNER), [C, FS]],
      [DELETED_PATH, true, [C, FS]],
    ] as const
  ).map(([path, value, allowed]): Row => ({
    kind: 'session',
    what: `session ${path} = ${JSON.stringify(value)}`,
    body: SESSION,
    createdBy: COORDINATOR_ID,
    path,
    value,
    allowed: [...allowed],
  })),
  {
    kind: 'session',
    what: 'session without a facilitator: its creator writes it',
    body: { ...SESSION, facilitatorId: null },
    createdBy: WHO['facilitator of the unit'].userId,
    path: 'notes',
    value: 'x',
    allowed: [C, F],
  },
  {
    kind: 'session',
    what: 'a new session in the unit',
    body: SESSION,
    createdBy: '',
    path: 'notes',
    value: 'x',
    create: true,
    allowed: [C, F, FS],
  },
  // Drafts and checklists: the unit's innovators, local admins and the creator; facilitators review only.
  ...(
    [
      ['title', 'Judul baru', [C, I, IO]],
      ['sections.ringkasan', 'Ringkasan baru.', [C, I, IO]],
      ['metadata.lokasi', 'Desa', [C, I, IO]],
      ['reviewStatus', 'revisi', [C, F, FS, I, IO]],
      ['sent', { competition: 'KIPP', date: '2026-12-01' }, [C, F, FS, I, IO]],
      [DELETED_PATH, true, [C, IO]],
    ] as const
  ).map(([path, value, allowed]): Row => ({
    kind: 'draft',
    what: `draft ${path}`,
    body: DRAFT,
    createdBy: FOLLOW_UP_OWNER,
    path,
    value,
    allowed: [...allowed],
  })),
  {
    kind: 'draft',
    what: "a facilitator's own draft",
    body: DRAFT,
    createdBy: WHO['facilitator of the unit'].userId,
    path: 'sections.ringkasan',
    value: 'x',
    allowed: [C, F, I, IO],
  },
  {
    kind: 'draft',
    what: 'a new draft in the unit',
    body: DRAFT,
    createdBy: '',
    path: 'title',
    value: 'x',
    create: true,
    allowed: [C, F, FS, I, IO],
  },
  {
    kind: 'checklist',
    what: 'checklist item',
    body: CHECKLIST,
    createdBy: FOLLOW_UP_OWNER,
    path: 'items.kepastian-hukum',
    value: { status: 'terpenuhi', evidence: '' },
    allowed: [C, I, IO],
  },
  {
    kind: 'checklist',
    what: 'checklist deleted',
    body: CHECKLIST,
    createdBy: FOLLOW_UP_OWNER,
    path: DELETED_PATH,
    value: true,
    allowed: [C, IO],
  },
  // Units: local admins only.
  ...(
    [
      ['name', 'Puskesmas Baru'],
      [DELETED_PATH, true],
    ] as const
  ).map(([path, value]): Row => ({
    kind: 'unit',
    what: `unit ${path}`,
    body: UNIT_BODY,
    createdBy: COORDINATOR_ID,
    path,
    value,
    allowed: [C],
  })),
  // People: local admins; facilitators those without an account in their own units.
  ...(
    [
      ['name', 'Ibu Kader Posyandu', [C, F, FS]],
      ['unitIds', [UNIT, OTHER_UNIT], [C]],
      ['unitIds', [], [C]],
      [DELETED_PATH, true, [C, F, FS]],
    ] as const
  ).map(([path, value, allowed]): Row => ({
    kind: 'person',
    what: `person without an account ${path} = ${JSON.stringify(value)}`,
    body: PERSON,
    createdBy: COORDINATOR_ID,
    path,
    value,
    allowed: [...allowed],
  })),
  {
    kind: 'person',
    what: 'person with an account',
    body: PERSON_WITH_ACCOUNT,
    createdBy: COORDINATOR_ID,
    path: 'name',
    value: 'x',
    allowed: [C],
  },
  {
    kind: 'person',
    what: 'person given an account',
    body: PERSON,
    createdBy: COORDINATOR_ID,
    path: 'hasAccount',
    value: true,
    allowed: [C],
  },
  {
    kind: 'person',
    what: 'a new person in the unit',
    body: PERSON,
    createdBy: '',
    path: 'name',
    value: 'x',
    create: true,
    allowed: [C, F, FS],
  },
];

const unitIdsOfBody = (kind: RecordKind, body: Record<string, unknown>): string[] =>
  kind === 'session'
    ? (body.unitIds as string[])
    : typeof body.unitId === 'string' && kind !== 'person'
      ? [body.unitId]
      : [];

function attemptOf(row: Row, who: AccessPrincipal): WriteAttempt {
  const scope: RecordScope = {
    tenantId: TENANT,
    kind: row.kind,
    unitIds: unitIdsOfBody(row.kind, row.body),
    createdBy: row.create ? who.userId : row.createdBy,
  };
  const after =
    row.path === DELETED_PATH ? row.body : applyPaths(row.kind, row.body, { [row.path]: row.value });
  return { scope, before: row.create ? null : row.body, after };
}

describe('who writes what: the field-path matrix', () => {
  for (const row of ROWS) {
    for (const who of EVERYONE) {
      const allowed = row.allowed.includes(who);
      it(`${row.what}: ${who} ${allowed ? 'may' : 'may not'}`, () => {
        const refusal = pathRefusal(WHO[who], attemptOf(row, WHO[who]), row.path);
        if (allowed) expect(refusal).toBeNull();
        else expect(refusal).not.toBeNull();
      });
    }
  }

  it('says why, in Indonesian and English', () => {
    const session = ROWS.find((r) => r.kind === 'session' && r.path === 'notes')!;
    const reasons: [Who, WriteRefusal][] = [
      ['viewer', 'viewer'],
      ['other tenant', 'scope'],
      ['facilitator of another unit', 'scope'],
      ['facilitator of the unit', 'session-writer'],
      ['innovator of the unit', 'own-follow-up'],
    ];
    for (const [who, why] of reasons)
      expect(pathRefusal(WHO[who], attemptOf(session, WHO[who]), 'notes')).toBe(why);
    const draft = ROWS.find((r) => r.kind === 'draft' && r.path === 'title')!;
    expect(pathRefusal(WHO[F], attemptOf(draft, WHO[F]), 'title')).toBe('draft-writer');
    expect(pathRefusal(WHO[I], attemptOf(draft, WHO[I]), DELETED_PATH)).toBe('whole-record');
    expect(writeRefusalText('session-writer')).toBe(
      "Hanya pendamping sesi ini atau admin lokal yang dapat mengubah sesi ini. / Only this session's facilitator or a local admin can change this session.",
    );
  });

  it('judges each path of one change apart: an innovator keeps their tick, loses the notes', () => {
    const who = WHO[IO];
    const after = applyPaths('session', SESSION, {
      notes: 'Diubah inovator.',
      [`actions.${OWNED}`]: action(FOLLOW_UP_OWNER, 'selesai'),
    });
    const attempt: WriteAttempt = {
      scope: { tenantId: TENANT, kind: 'session', unitIds: [UNIT], createdBy: COORDINATOR_ID },
      before: SESSION,
      after,
    };
    expect([...refusedPaths(who, attempt, ['notes', `actions.${OWNED}`])]).toEqual([
      ['notes', 'own-follow-up'],
    ]);
  });

  it('lets the readers read what they may not write', () => {
    const scope: RecordScope = {
      tenantId: TENANT,
      kind: 'session',
      unitIds: [UNIT],
      createdBy: COORDINATOR_ID,
    };
    const readers = EVERYONE.filter((w) => canRead(WHO[w], scope));
    expect(readers.sort()).toEqual([C, F, FS, I, IO, 'viewer'].sort());
  });
});

describe("who may be named a session's facilitator (facilitatorRefusal)", () => {
  const scope: RecordScope = {
    tenantId: TENANT,
    kind: 'session',
    unitIds: [UNIT],
    createdBy: COORDINATOR_ID,
  };
  const naming = (facilitatorId: string | null, before: Record<string, unknown> | null = SESSION) => ({
    scope,
    before,
    after: { ...(before ?? SESSION), facilitatorId },
  });
  const active = (role: 'facilitator' | 'coordinator' | 'innovator' | 'viewer') => ({ role, active: true });

  it('lets anyone who writes the session name nobody or themself', () => {
    expect(facilitatorRefusal(WHO[FS], naming(null), undefined)).toBeNull();
    expect(facilitatorRefusal(WHO[F], naming(WHO[F].userId, null), undefined)).toBeNull();
    expect(facilitatorRefusal(WHO[C], naming(COORDINATOR_ID), undefined)).toBeNull();
  });

  it('lets a local admin, the session’s facilitator and a new session’s creator name an active facilitator or admin account', () => {
    for (const role of ['facilitator', 'coordinator'] as const) {
      expect(facilitatorRefusal(WHO[C], naming(id(40)), active(role))).toBeNull();
      expect(facilitatorRefusal(WHO[FS], naming(id(40)), active(role))).toBeNull();
      expect(facilitatorRefusal(WHO[F], naming(id(40), null), active(role))).toBeNull();
    }
    // Someone else who does not write the session hands nothing over.
    expect(facilitatorRefusal(WHO[F], naming(id(40)), active('facilitator'))).toBe('session-writer');
  });

  it('refuses an innovator, a viewer, a disabled account, and an id that is no account of the tenant, alike', () => {
    for (const named of [
      active('innovator'),
      active('viewer'),
      { role: 'facilitator', active: false },
      undefined,
    ] as const)
      expect(facilitatorRefusal(WHO[C], naming(id(41)), named)).toBe('facilitator-account');
    expect(writeRefusalText('facilitator-account')).toBe(
      "Pendamping sesi harus akun pendamping atau admin lokal yang aktif di kabupaten ini. / A session's facilitator must be an active facilitator or local admin account of this regency.",
    );
  });

  it('leaves a facilitator stored before alone, and other kinds', () => {
    const legacy = { ...SESSION, facilitatorId: id(42) };
    expect(facilitatorRefusal(WHO[FS], naming(id(42), legacy), undefined)).toBeNull();
    const draft = {
      scope: { ...scope, kind: 'draft' as const },
      before: null,
      after: { facilitatorId: id(43) },
    };
    expect(facilitatorRefusal(WHO[I], draft, undefined)).toBeNull();
  });

  it('reads an account from its person record on the phone', () => {
    const person = { role: 'facilitator' as const, deleted: false };
    expect(namedAccountOfPerson({ ...person, hasAccount: true })).toEqual({
      role: 'facilitator',
      active: true,
    });
    expect(namedAccountOfPerson({ ...person, hasAccount: true, deleted: true })).toEqual({
      role: 'facilitator',
      active: false,
    });
    expect(namedAccountOfPerson(person)).toBeUndefined();
    expect(namedAccountOfPerson(undefined)).toBeUndefined();
  });
});
