/**
 * Randomized convergence scenario: several devices, each with its own real LocalStore and the real engine, edit
 * the same drafts offline and sync through a faulty network to the real sync routes. Every seed gets its own
 * tenant, so many seeds share one database without seeing each other.
 *
 * Edits to text insert a unique marker word, so after everyone synced we can check that no edit was lost (each
 * marker is in the final text or in a conflict) and none was applied twice (no marker appears twice).
 */
import { Dexie } from 'dexie';
import type { Database } from '../../../src/server/db/types';
import type { AuthContext } from '../../../src/server/auth/types';
import type { AnyRecord, Draft } from '../../../src/shared/records';
import { STAGES } from '../../../src/shared/records';
import { flattenBody } from '../../../src/shared/fieldPaths';
import { SyncEngine } from '../../../src/lib/sync/engine';
import { httpTransport } from '../../../src/lib/sync/transport';
import { openLocalStore, type LocalStore } from '../../../src/lib/db';
import { loadDataModule } from '../../../src/lib/state/data-module';
import { RecordEditor } from '../../../src/lib/state/record-editor.svelte';
import { mapOffset } from '../../../src/shared/caret';
import { seedUsers, syncApp } from '../../server/sync/helpers';
import { draftBody, pullAll } from '../../server/sync/fixtures';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type AppLike = ReturnType<typeof syncApp>;

export interface ScenarioOptions {
  seed: number;
  /** Server processes: every request goes to one of them, picked at random. */
  servers: Database[];
  steps?: number;
}

export interface ScenarioReport {
  seed: number;
  edits: number;
  syncs: number;
  faults: Record<string, number>;
  conflicts: number;
}

const TEXT_PATHS = [
  'title',
  'team',
  'sections.ringkasan',
  'sections.latar-belakang-tujuan',
  'sections.kebaruan',
] as const;

/** Paths a person types in through an editor (the title is left out: its 300-character limit would hold text). */
const TYPED_PATHS = [
  'team',
  'sections.ringkasan',
  'sections.latar-belakang-tujuan',
  'sections.kebaruan',
] as const;

/**
 * A person writing in one field of an open draft screen: keystrokes go to the editor's working copy (unsaved until
 * its debounce fires or the field loses focus), while pulls and other devices' edits arrive underneath.
 */
interface Typist {
  editor: RecordEditor<'draft'>;
  recordId: string;
  path: (typeof TYPED_PATHS)[number];
  /** The current word as it is to be typed (a leading space or line break, then the marker). */
  word: string;
  /** What is still to be typed of it. */
  pending: string;
  marker: string;
  /** Whether the current word has been started (some of it typed). */
  started: boolean;
  /** Caret offset in `seen`, the field's text as the person last saw it. */
  caret: number;
  seen: string;
}

interface Device {
  name: string;
  token: string;
  auth: AuthContext;
  store: LocalStore;
  engine: SyncEngine;
  online: boolean;
  typist: Typist | null;
}

/** Inserts `marker` as a word at a random place: a new line or between two words of a line. */
function insertMarker(text: string, marker: string, rnd: () => number): string {
  const lines = text === '' ? [] : text.split('\n');
  if (lines.length === 0 || rnd() < 0.25) {
    const at = Math.floor(rnd() * (lines.length + 1));
    lines.splice(at, 0, marker);
    return lines.join('\n');
  }
  const li = Math.floor(rnd() * lines.length);
  const words = lines[li]!.split(' ').filter((w) => w !== '');
  words.splice(Math.floor(rnd() * (words.length + 1)), 0, marker);
  lines[li] = words.join(' ');
  return lines.join('\n');
}

const pathValue = (rec: AnyRecord, path: string): unknown =>
  flattenBody(rec.kind, rec as unknown as Record<string, unknown>)[path];

/** FUZZ_TRACE=1 prints every step of a scenario (use with FUZZ_SEED to see how a failure came about). */
const trace = (...args: unknown[]): void => {
  if (process.env.FUZZ_TRACE) console.log(...args);
};

export async function runScenario(opts: ScenarioOptions): Promise<ScenarioReport> {
  const { seed } = opts;
  await loadDataModule();
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const unit = '0190a000-0000-7000-8000-0000000000aa';
  const tenant = `Fuzz ${seed} ${Math.floor(Math.random() * 1e9)}`;
  const seeded = await seedUsers(opts.servers[0]!, {
    inno: { tenant, role: 'innovator', unitIds: [unit] },
    // Drafts are written by their unit's innovators, local admins and their creator (facilitators only review
    // them, and only a creator or a local admin deletes one): every fuzz device may do every step.
    admin: { tenant, role: 'coordinator', unitIds: [] },
    coord: { tenant, role: 'coordinator', unitIds: [] },
  });
  const users = seeded.auth;
  const tokens = Object.keys(users);
  const tenantId = seeded.tenants[tenant]!;
  // Each server process sees its database through a handle that can "crash" in the middle of a push: after a
  // random number of statements the transaction dies (nothing of it commits) and the process is replaced.
  let crashAfter: number | null = null;
  const crashable = (db: Database): Database => ({
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: (sql, params) => {
            if (crashAfter !== null && crashAfter-- <= 0) {
              crashAfter = null;
              throw new Error('server process killed');
            }
            return tx.query(sql, params);
          },
        }),
      ),
  });
  const handles = opts.servers.map(crashable);
  const apps: AppLike[] = handles.map((db) => syncApp(db, seeded.tokens));
  const report: ScenarioReport = { seed, edits: 0, syncs: 0, faults: {}, conflicts: 0 };
  const fault = (name: string) => {
    trace(`  fault ${name}`);
    report.faults[name] = (report.faults[name] ?? 0) + 1;
  };
  let faultsOn = true;
  const replays: { input: string; init: RequestInit }[] = [];

  const restart = (i: number) => {
    apps[i] = syncApp(handles[i]!, seeded.tokens);
    fault('restart');
  };
  const delay = () => new Promise((r) => setTimeout(r, Math.floor(rnd() * 3)));

  const deviceCount = 3 + Math.floor(rnd() * 3);
  const devices: Device[] = [];
  const addDevice = async (i: number) => {
    const token = tokens[i % tokens.length]!;
    const auth = users[token]!;
    const store = await openLocalStore({ userId: `${auth.userId}-d${i}`, tenantId });
    const device: Device = {
      name: `d${i}`,
      token,
      auth,
      store,
      engine: null as never,
      online: true,
      typist: null,
    };
    const transport = httpTransport('', async (input, init) => {
      if (!device.online) throw new TypeError('offline');
      const server = Math.floor(rnd() * apps.length);
      const isPush = input.includes('/push');
      const r = faultsOn ? rnd() : 1;
      await delay();
      if (r < 0.06) {
        fault('drop-request');
        throw new TypeError('dropped');
      }
      if (isPush && r < 0.09) {
        // The server process dies in the middle of the push: its transaction rolls back, no answer comes.
        crashAfter = Math.floor(rnd() * 12);
        await (await apps[server]!.request(input, init)).text();
        crashAfter = null;
        restart(server);
        fault('crash-mid-push');
        throw new TypeError('connection reset');
      }
      if (isPush && r < 0.11) {
        // The server restarts right after the push: the request was applied, the answer never comes.
        await (await apps[server]!.request(input, init)).text();
        restart(server);
        throw new TypeError('connection reset');
      }
      const res = await apps[server]!.request(input, init);
      if (process.env.FUZZ_TRACE && isPush) {
        const sent = JSON.parse(String(init?.body)) as {
          changes: { seq: number; recordId: string; values: object; base: object }[];
        };
        const got = (await res.clone().json()) as {
          results?: { seq: number; status: string; conflictIds?: string[] }[];
        };
        trace(
          `  ${device.name} push`,
          JSON.stringify(sent.changes.map((c) => [c.seq, c.recordId.slice(-4), c.values, c.base])),
          '->',
          JSON.stringify(got.results?.map((r) => [r.seq, r.status, r.conflictIds?.length])),
        );
      }
      await delay();
      if (r < 0.18) {
        fault('drop-response');
        await res.text();
        throw new TypeError('response lost');
      }
      if (isPush && r < 0.23) {
        fault('duplicate');
        await res.text();
        return apps[Math.floor(rnd() * apps.length)]!.request(input, init);
      }
      if (isPush && r < 0.4) replays.push({ input, init: { ...init } });
      return res;
    });
    device.engine = new SyncEngine({
      store,
      transport,
      getToken: () => token,
      random: rnd,
      backoffBaseMs: 3_600_000,
    });
    devices.push(device);
  };
  for (let i = 0; i < deviceCount; i++) await addDevice(i);

  const markers: { marker: string; recordId: string; path: string }[] = [];
  let counter = 0;
  const syncDevice = async (d: Device) => {
    trace(`${d.name} sync`);
    report.syncs++;
    await d.engine.sync();
  };
  const replayOld = async () => {
    const old = replays.splice(Math.floor(rnd() * replays.length), 1)[0];
    if (!old) return;
    fault('late-replay');
    await (await pick(apps).request(old.input, old.init)).text();
  };

  // Two drafts everybody knows.
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) ids.push((await devices[0]!.store.create('draft', draftBody(unit))).id);
  faultsOn = false;
  for (const d of devices) await syncDevice(d);
  faultsOn = true;

  // ---- People typing in an open draft screen (the editor holds their words until its debounce fires).
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const textIn = (t: Typist): string => {
    const body = t.editor.body;
    if (!body) return '';
    const v = flattenBody('draft', body as unknown as Record<string, unknown>)[t.path];
    return typeof v === 'string' ? v : '';
  };
  const setText = (t: Typist, text: string) => {
    const [field, key] = t.path.split('.') as ['team' | 'sections', string | undefined];
    if (field === 'sections') t.editor.setEntry('sections', key!, text);
    else t.editor.update({ team: text });
  };
  /** Starts a new word: after the end of a word (a space first), on a new line, or into an empty field. */
  const startWord = (t: Typist) => {
    const text = textIn(t);
    t.seen = text;
    t.started = false;
    t.marker = `m${seed}x${++counter}`;
    const ends: number[] = [];
    for (let i = 1; i <= text.length; i++)
      if (/\S/.test(text[i - 1]!) && (i === text.length || /\s/.test(text[i]!))) ends.push(i);
    if (ends.length === 0) {
      t.caret = text.length;
      t.pending = text === '' ? t.marker : `\n${t.marker}`;
    } else {
      t.caret = pick(ends);
      t.pending = (rnd() < 0.2 ? '\n' : ' ') + t.marker;
    }
    t.word = t.pending;
  };
  const openTypist = async (d: Device, recordId = pick(ids), path = pick(TYPED_PATHS)) => {
    const editor = new RecordEditor(d.store, 'draft', recordId, { debounceMs: 3_600_000 });
    for (let i = 0; i < 200 && !editor.loaded; i++) await tick();
    if (!editor.body || editor.partial || editor.deleted) {
      await editor.dispose();
      return;
    }
    d.typist = {
      editor,
      recordId,
      path,
      word: '',
      pending: '',
      marker: '',
      started: false,
      caret: 0,
      seen: '',
    };
    startWord(d.typist);
    trace(`${d.name} opens ${recordId.slice(-4)} ${path}`);
  };
  /** One keystroke at the caret; false when the word had to be given up (the field changed under the caret). */
  const keystroke = (d: Device, t: Typist): boolean => {
    let now = textIn(t);
    // The field changed before the word was begun: the person looks again and picks their place anew.
    if (now !== t.seen && !t.started) {
      startWord(t);
      now = textIn(t);
    }
    if (now !== t.seen) {
      t.caret = mapOffset(t.seen, now, t.caret);
      // The word being typed must still stand alone: nothing glued right after the caret.
      if (t.caret < now.length && /\S/.test(now[t.caret]!)) return false;
      // What was already typed of this word (its leading space or line break too) must still sit right before
      // the caret, after a word boundary.
      const typed = t.word.slice(0, t.word.length - t.pending.length);
      const before = now.slice(0, t.caret);
      if (!before.endsWith(typed)) return false;
      if (/\S$/.test(before.slice(0, before.length - typed.length))) return false;
    }
    const next = now.slice(0, t.caret) + t.pending[0] + now.slice(t.caret);
    setText(t, next);
    if (textIn(t) !== next) return false;
    t.caret++;
    t.seen = next;
    t.started = true;
    t.pending = t.pending.slice(1);
    if (t.pending === '') {
      markers.push({ marker: t.marker, recordId: t.recordId, path: t.path });
      report.edits++;
      trace(`${d.name} typed ${t.marker} in ${t.recordId.slice(-4)} ${t.path}: ${JSON.stringify(next)}`);
      startWord(t);
    }
    return true;
  };
  const closeTypist = async (d: Device) => {
    const t = d.typist;
    if (!t) return;
    d.typist = null;
    await t.editor.dispose();
  };
  const typingStep = async (d: Device, t: Typist) => {
    const r = rnd();
    // Someone deleted the record: the screen says so and the person stops writing there.
    if (t.editor.deleted) {
      trace(`${d.name} sees the record deleted and leaves`);
      await closeTypist(d);
      return;
    }
    if (r < 0.6) {
      const keys = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < keys; k++) {
        if (!keystroke(d, t)) {
          fault('typing-given-up');
          startWord(t);
          break;
        }
        if (rnd() < 0.5) await tick();
      }
    } else if (r < 0.75) {
      trace(`${d.name} editor saves (debounce)`);
      await t.editor.flush();
    } else if (r < 0.85) {
      trace(`${d.name} leaves the field`);
      await t.editor.flush();
      t.path = pick(TYPED_PATHS);
      startWord(t);
    } else if (r < 0.93) {
      trace(`${d.name} leaves the screen`);
      await closeTypist(d);
    } else {
      // The app restarts (pagehide saves what is typed) and the person opens the same field again.
      trace(`${d.name} restarts`);
      fault('app-restart');
      const { recordId, path } = t;
      await closeTypist(d);
      await openTypist(d, recordId, path);
    }
  };

  let settleAfter = false;
  const steps = opts.steps ?? 40;
  for (let step = 0; step < steps; step++) {
    if (step === Math.floor(steps / 2)) {
      // A new phone joins half way: its first pull brings summaries, then the full records, under faults.
      await addDevice(deviceCount);
      fault('new-phone');
    }
    const d = pick(devices);
    if (settleAfter) for (let i = 0; i < 20; i++) await tick();
    settleAfter = false;
    if (d.typist && rnd() < 0.6) {
      await typingStep(d, d.typist);
      continue;
    }
    if (!d.typist && rnd() < 0.2) {
      await openTypist(d);
      continue;
    }
    const roll = rnd();
    // One person per phone: before another screen of the app writes (a whole-value edit, a delete, a conflict
    // choice), the field they were typing in has saved, as leaving a screen does.
    if (roll < 0.55 && d.typist) {
      await d.typist.editor.flush();
      // ...and the screen shows what that other screen wrote before the person types on.
      settleAfter = true;
    }
    if (roll < 0.45) {
      const id = pick(ids);
      const rec = (await d.store.get('draft', id)) as Draft | undefined;
      // A summary is not editable (the screens wait for the full record).
      if (rec?.partial) fault('summary-not-editable');
      if (!rec || rec.deleted || rec.partial) continue;
      if (rnd() < 0.1) {
        await d.store.update('draft', id, { stage: pick(STAGES) });
        continue;
      }
      // The field the person is typing in is not written by another screen at the same moment.
      const busy = d.typist?.recordId === id ? d.typist.path : null;
      const path = pick(TEXT_PATHS.filter((p) => p !== busy));
      const marker = `m${seed}x${++counter}`;
      const current = (pathValue(rec, path) as string | undefined) ?? '';
      const next = insertMarker(current, marker, rnd);
      const [field, key] = path.split('.') as [keyof Draft, string | undefined];
      const patch = key ? { [field]: { ...(rec[field] as object), [key]: next } } : { [field]: next };
      await d.store.update('draft', id, patch as Partial<Draft>);
      markers.push({ marker, recordId: id, path });
      trace(
        `${d.name} edit ${id.slice(-4)} ${path} base ${rec.fieldVersions[path] ?? 0}: ${JSON.stringify(next)}`,
      );
      report.edits++;
    } else if (roll < 0.5) {
      const id = pick(ids);
      const rec = await d.store.get('draft', id);
      if (!rec) continue;
      trace(`${d.name} ${rec.deleted ? 'restore' : 'delete'} ${id.slice(-4)}`);
      if (rec.deleted) await d.store.restore('draft', id);
      else await d.store.remove('draft', id);
    } else if (roll < 0.55) {
      // Resolve a waiting conflict by choosing the other version.
      const open = (await d.store.list('conflict')).filter((c) => !c.resolved && !c.recordDeleted);
      const c = open[0];
      const rec = c ? ((await d.store.get('draft', c.recordId)) as Draft | undefined) : undefined;
      if (!c || !rec || rec.deleted || rec.partial || typeof c.loser !== 'string') continue;
      if (d.typist?.recordId === c.recordId && d.typist.path === c.path) continue;
      // The card shows two versions; a person who has changed the field again since picks no stale version
      // over their newer words (choosing replaces the field with the chosen version).
      if (JSON.stringify(pathValue(rec, c.path) ?? null) !== JSON.stringify(c.winner ?? null)) continue;
      const [field, key] = c.path.split('.') as [keyof Draft, string | undefined];
      const patch = key ? { [field]: { ...(rec[field] as object), [key]: c.loser } } : { [field]: c.loser };
      await d.store.update('draft', rec.id, patch as Partial<Draft>);
      await d.store.update('conflict', c.id, { resolved: true });
      trace(`${d.name} resolve ${c.path} with loser ${JSON.stringify(c.loser)}`);
    } else if (roll < 0.65) {
      d.online = !d.online;
      trace(`${d.name} online=${d.online}`);
    } else if (roll < 0.75) {
      await replayOld();
    } else if (roll < 0.8) {
      // Two devices at once: their pushes and pulls interleave on the server(s).
      const others = devices.filter((x) => x !== d);
      await Promise.all([syncDevice(d), syncDevice(pick(others))]);
    } else {
      await syncDevice(d);
    }
  }

  // People finish the word they are typing and leave the screen (which saves).
  for (const d of devices) {
    const t = d.typist;
    if (!t) continue;
    while (t.started) {
      if (!keystroke(d, t)) {
        fault('typing-given-up');
        break;
      }
    }
    await closeTypist(d);
  }

  // Everyone back online on a good network; late duplicates may still arrive.
  faultsOn = false;
  for (const d of devices) d.online = true;
  while (replays.length > 0) await replayOld();
  for (let round = 0; round < 3; round++) for (const d of devices) await syncDevice(d);

  const failures: string[] = [];
  const server = apps[0]!;
  const serverRecords = new Map<string, AnyRecord>();
  for (const t of tokens) for (const r of await pullAll(server, t)) serverRecords.set(r.id, r);
  const conflicts = [...serverRecords.values()].filter((r) => r.kind === 'conflict');
  report.conflicts = conflicts.length;

  for (const d of devices) {
    const outbox = await d.store.outbox();
    if (outbox.length > 0) failures.push(`${d.name}: outbox not empty: ${JSON.stringify(outbox)}`);
    for (const rec of await pullAll(server, d.token)) {
      const local = await d.store.get(rec.kind, rec.id);
      const strip = (r: AnyRecord | undefined) =>
        r && { ...r, createdAt: 0, updatedAt: 0, createdBy: '', updatedBy: '' };
      if (JSON.stringify(sortKeys(strip(local))) !== JSON.stringify(sortKeys(strip(rec))))
        failures.push(
          `${d.name}: replica differs for ${rec.kind} ${rec.id}:\n local ${JSON.stringify(local)}\n server ${JSON.stringify(rec)}`,
        );
    }
  }

  const count = (text: unknown, m: string) =>
    typeof text === 'string' ? text.split(/\s+/).filter((w) => w === m).length : 0;
  for (const { marker, recordId, path } of markers) {
    const rec = serverRecords.get(recordId);
    const final = rec ? pathValue(rec, path) : undefined;
    const inFinal = count(final, marker);
    const inConflicts = conflicts.some(
      (c) =>
        c.kind === 'conflict' &&
        c.recordId === recordId &&
        c.path === path &&
        (count(c.winner, marker) > 0 || count(c.loser, marker) > 0),
    );
    if (inFinal === 0 && !inConflicts)
      failures.push(`edit lost: ${marker} at ${recordId} ${path}; final ${JSON.stringify(final)}`);
    if (inFinal > 1) failures.push(`edit applied twice: ${marker} at ${path}: ${JSON.stringify(final)}`);
  }

  // No change applied twice: every applied change draws at most one version for its record, so a device can
  // never have written more versions than it has processed changes.
  for (const d of devices) {
    const { rows } = await opts.servers[0]!.query<{ versions: string | number; processed: string | number }>(
      `SELECT (SELECT count(DISTINCT version) FROM sync_changes WHERE device_id = $1) AS versions,
              (SELECT count(*) FROM sync_processed WHERE device_id = $1 AND result->>'status' = 'applied') AS processed`,
      [d.store.deviceId],
    );
    const { versions, processed } = rows[0]!;
    if (Number(versions) > Number(processed))
      failures.push(
        `${d.name}: ${versions} versions written by ${processed} applied changes (applied twice?)`,
      );
  }

  for (const d of devices) {
    d.engine.stop();
    d.store.close();
    await Dexie.delete(d.store.name);
  }
  if (failures.length > 0) {
    throw new Error(`seed ${seed} (replay: FUZZ_SEED=${seed}):\n${failures.slice(0, 8).join('\n')}`);
  }
  return report;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
