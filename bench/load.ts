/**
 * Issue #7 load: 200 simulated phones pushing and pulling for 60 s on loopback (autocannon, one keep-alive
 * connection per phone) against the real server process on a fresh PostgreSQL database; throughput, latency
 * percentiles and errors, then the check that no acknowledged change was lost or applied twice (bench/load/).
 * The issue names no figure for throughput or latency: those rows report, the errors and integrity rows hold at 0.
 * LOAD_DEVICES and LOAD_SECONDS override the size (for a quick try).
 *
 * `tenantsLoadBench` (section `load-tenants`, issue #18): the same phones dealt round 20 tenants, each phone a
 * facilitator of its tenant's unit; since writes are ordered per tenant (src/server/sync/versions.ts) a tenant's
 * pushes wait only for its own. Budget: p95 <= 300 ms, 0 errors, 0 changes lost or applied twice, and no session
 * in another tenant's pull.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { driveLoad, startLoadEnvironment, type LatencySummary } from './load/drive';
import { problems, verifyLoad, verifyTenants } from './load/verify';
import type { BudgetRow } from './types';

const DEVICES = Number(process.env.LOAD_DEVICES ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const STATIC_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

const ms = (n: number) => `${n.toFixed(0)} ms`;
const split = (push: LatencySummary, pull: LatencySummary, p: 'p50' | 'p95' | 'p99') =>
  `push ${ms(push[p])} (${push.count}), pull ${ms(pull[p])} (${pull.count})`;

export default async function loadBench(): Promise<BudgetRow[]> {
  const busy = loadavg()[0]!;
  const env = await startLoadEnvironment(STATIC_DIR);
  try {
    const run = await driveLoad(env, { devices: DEVICES, seconds: SECONDS });
    const v = await verifyLoad(env.bench.url, env.server.url, env.token, run.devices);
    const label = `${DEVICES} phones, ${SECONDS} s`;
    const machine = `load average ${busy.toFixed(1)} on 2 cores before the run`;
    const errors = run.errors.connection + run.errors.timeouts + run.errors.non2xx + run.errors.unreadable;
    const rejected = run.devices.reduce((n, d) => n + d.rejected, 0);
    const latency = (p: 'p50' | 'p95' | 'p99'): BudgetRow => ({
      name: `#7 load latency ${p} (${label})`,
      budget: 'reported',
      measured: run.all[p],
      unit: 'ms',
      ok: Number.isFinite(run.all[p]),
      note: split(run.pushes, run.pulls, p),
    });
    return [
      {
        name: `#7 load throughput (${label})`,
        budget: 'reported',
        measured: run.requestsPerSecond,
        unit: 'req/s',
        ok: run.requests > 0,
        note:
          `${(run.changesAcked / run.seconds).toFixed(0)} changes acknowledged/s; ${run.pushes.count} pushes ` +
          `(3 new sessions, then 5 edits each), ${run.pulls.count} pulls of up to 100 records; autocannon, loopback; ${machine}`,
      },
      latency('p50'),
      latency('p95'),
      latency('p99'),
      {
        name: `#7 load errors (${label})`,
        budget: '0',
        measured: errors + rejected,
        unit: '',
        ok: errors + rejected === 0,
        note:
          `connection ${run.errors.connection}, timeouts ${run.errors.timeouts}, non-2xx ${run.errors.non2xx}, ` +
          `unreadable ${run.errors.unreadable}, changes rejected ${rejected}; ${run.errors.resent} batches ` +
          `cut off by the end of the run sent again afterwards`,
      },
      {
        name: '#7 load: changes lost or applied twice',
        budget: '0',
        measured: problems(v),
        unit: '',
        ok: problems(v) === 0 && v.acked > 0,
        note:
          `${v.acked} acknowledged changes and ${v.records} sessions checked in PostgreSQL and a full pull ` +
          `(lost ${v.lost.length}, twice ${v.duplicated.length}, wrong final value ${v.wrongInDatabase.length} ` +
          `in the database, ${v.wrongInPull.length} in the pull)`,
      },
    ];
  } finally {
    await env.close();
  }
}

const TENANTS = Number(process.env.LOAD_TENANTS ?? 20);

export async function tenantsLoadBench(): Promise<BudgetRow[]> {
  const busy = loadavg()[0]!;
  const env = await startLoadEnvironment(STATIC_DIR);
  try {
    const run = await driveLoad(env, { devices: DEVICES, seconds: SECONDS, tenants: TENANTS });
    const v = await verifyTenants(env.bench.url, env.server.url, run.tenants);
    const name = `load: ${DEVICES} phones in ${TENANTS} tenants, ${SECONDS} s`;
    const errors = run.errors.connection + run.errors.timeouts + run.errors.non2xx + run.errors.unreadable;
    const rejected = run.devices.reduce((n, d) => n + d.rejected, 0);
    return [
      {
        name: `${name}: p95`,
        budget: '<= 300 ms',
        measured: run.all.p95,
        unit: 'ms',
        ok: run.all.p95 <= 300,
        note:
          `p50 ${ms(run.all.p50)}, p99 ${ms(run.all.p99)}; ${split(run.pushes, run.pulls, 'p95')}; ` +
          `${run.requestsPerSecond.toFixed(0)} req/s, ${(run.changesAcked / run.seconds).toFixed(0)} changes ` +
          `acknowledged/s; autocannon, loopback, one server process; load average ${busy.toFixed(1)} on 2 cores before the run`,
      },
      {
        name: `${name}: errors`,
        budget: '0',
        measured: errors + rejected,
        unit: '',
        ok: errors + rejected === 0,
        note:
          `connection ${run.errors.connection}, timeouts ${run.errors.timeouts}, non-2xx ${run.errors.non2xx}, ` +
          `unreadable ${run.errors.unreadable}, changes rejected ${rejected}; ${run.errors.resent} batches ` +
          `cut off by the end of the run sent again afterwards`,
      },
      {
        name: `${name}: changes lost or applied twice`,
        budget: '0',
        measured: problems(v),
        unit: '',
        ok: problems(v) === 0 && v.acked > 0,
        note:
          `${v.acked} acknowledged changes and ${v.records} sessions checked in PostgreSQL and in each tenant's ` +
          `full pull (lost ${v.lost.length}, twice ${v.duplicated.length}, wrong final value ` +
          `${v.wrongInDatabase.length} in the database, ${v.wrongInPull.length} in the pulls, ` +
          `${v.leaked.length} seen by another tenant)`,
      },
    ];
  } finally {
    await env.close();
  }
}
