import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { hashPassword } from '../../electron/auth/passwords';
import { insertUser, toCaller } from '../../electron/auth/repo';
import { immediate } from '../../electron/db/connection';
import { RemoteApp } from '../../electron/hosts/cli/remote';
import { loadP12 } from '../../electron/signing/p12';
import { signAtDesk } from '../../shared/signing/desk';
import type { SigningKey } from '../../electron/signing/key';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Role } from '../../shared/auth/roles';
import type { LiveEvent } from '../../shared/live/events';
import type { OutgoingRecord } from '../../shared/outgoing/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import { statePlan } from '../fixtures/sample-drafts';
import { makeTestPki } from '../helpers/test-ca';
import { organs, pick, queries, rng, subject } from './corpus';
import { percentile } from './stats';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Issue 13's load figures: `vanphong server` in its own process on loopback over HTTPS, and a load generator in
 * another: closed-loop desks (văn thư, lãnh đạo, chuyên viên), each logged in with the CLI's RemoteApp and holding a
 * live-event stream as a browser tab does, one action then 1 s of thinking, for 60 s (`--quick`: 20 desks, 15 s).
 * Leaders approve and sign at their desk (prepareSign → the key here signs → completeSigning), văn thư issue the same
 * way (prepareIssue → sign → completeSigning). Figures: p50/p95 per call class, errors, the register's numbers checked
 * through the API (no duplicate, none missing), the server's peak RSS and mean CPU (from /proc), and the delay from a
 * submit to its event on the leader's stream.
 */

type Emit = (name: string, value: number, unit: string) => void;
type Kind = 'register' | 'issue' | 'lanhdao' | 'chuyenvien';
type Cls = 'read' | 'write' | 'sign' | 'issue';

const PASSWORD = 'mat-khau-ban-do-tai';
const P12_PASSWORD = '123456';
const ORGAN = 'Ủy ban nhân dân tỉnh Bắc Ninh';
const LEADER_NAMES = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Cường', 'Phạm Minh Dũng', 'Hoàng Thị Em', 'Vũ Đức Giang', 'Đặng Thu Hà', 'Bùi Quang Khải'];

interface DeskUser {
  id: number;
  username: string;
  fullName: string;
  kind: Kind;
  /** Issuing văn thư: takes the signed drafts whose id % issuers is this. */
  slot: number;
}

interface LoadConfig {
  url: string;
  caFile: string;
  password: string;
  desks: DeskUser[];
  keys: Record<string, string>;
  p12Password: string;
  durationMs: number;
  thinkMs: number;
  seed: number;
  incomingMax: number;
  draftIds: number[];
  year: number;
  issuers: number;
}

interface LoadResult {
  elapsedMs: number;
  calls: number;
  actions: Record<string, number>;
  classes: Record<Cls, number[]>;
  methods: Record<string, number[]>;
  errors: number;
  errorSamples: string[];
  deliveries: number[];
  eventsMissed: number;
  issued: { draftId: number; number: number; ref: string }[];
  /** Calls over 200 ms: when they started (ms into the run), which, how long. */
  slow: [number, string, number][];
  /** The warm-up's first signature and issuance after the server started (loading the PDF and CMS code). */
  coldSignMs?: number;
  coldIssueMs?: number;
}

// ——— the bench process: data folder, server process, load process, figures ———

export async function benchOfficeServer(emit: Emit, opts: { bundle: string; quick: boolean; keep?: boolean }): Promise<void> {
  if (spawnSync('openssl', ['version']).error) {
    process.stderr.write('server: openssl not installed (it makes the bench CA), figures skipped\n');
    return;
  }
  const clients = opts.quick ? 20 : 50;
  const durationMs = (opts.quick ? 15 : 60) * 1000;
  const root = path.resolve(path.dirname(opts.bundle), '..', '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-server-'));
  const { desks, keys, draftIds, incomingMax, year, pkiDir } = await seed(dataDir, clients, opts.quick);
  const issuers = desks.filter((d) => d.kind === 'issue').length;
  process.stderr.write(`server: ${clients} desks (${desks.filter((d) => d.kind === 'register' || d.kind === 'issue').length} văn thư, ${desks.filter((d) => d.kind === 'lanhdao').length} lãnh đạo, ${desks.filter((d) => d.kind === 'chuyenvien').length} chuyên viên), ${durationMs / 1000} s, ${incomingMax} incoming records seeded\n`);

  const server = await startServer(root, dataDir);
  const cfgPath = path.join(dataDir, 'load.json');
  const cfg: LoadConfig = { url: server.url, caFile: server.ca, password: PASSWORD, desks, keys, p12Password: P12_PASSWORD, durationMs, thinkMs: 1000, seed: 20261206, incomingMax, draftIds, year, issuers };
  fs.writeFileSync(cfgPath, JSON.stringify(cfg));

  let result: LoadResult | undefined;
  const samples: { at: number; server: ProcSample; load: ProcSample; busyTicks: number }[] = [];
  try {
    const worker = spawn(process.execPath, [opts.bundle, '--load-worker', cfgPath], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let sampler: NodeJS.Timeout | undefined;
    let buf = '';
    const sample = () => {
      const s = procSample(server.child.pid!);
      const l = procSample(worker.pid!);
      if (s && l) samples.push({ at: performance.now(), server: s, load: l, busyTicks: machineBusyTicks() });
    };
    worker.stdout!.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const msg = JSON.parse(line) as { phase: 'start' } | { phase: 'done'; result: LoadResult };
        if (msg.phase === 'start') {
          sample();
          sampler = setInterval(sample, 1000);
        } else {
          clearInterval(sampler);
          sample();
          result = msg.result;
        }
      }
    });
    const code = await new Promise<number | null>((resolve) => worker.on('exit', resolve));
    clearInterval(sampler);
    if (code !== 0 || !result) throw new Error(`load worker exited ${code}`);

    const r = result;
    const p = (xs: number[], q: number) => (xs.length ? percentile(xs, q) : NaN);
    for (const cls of ['read', 'write', 'sign', 'issue'] as const) {
      emit(`server.${cls}_p50_ms`, p(r.classes[cls], 50), 'ms');
      emit(`server.${cls}_p95_ms`, p(r.classes[cls], 95), 'ms');
    }
    emit('server.calls_per_s', r.calls / (r.elapsedMs / 1000), 'calls/s');
    emit('server.actions_per_s', Object.values(r.actions).reduce((a, b) => a + b, 0) / (r.elapsedMs / 1000), 'actions/s');
    emit('server.errors', r.errors, 'errors');
    emit('server.event_delivery_p50_ms', p(r.deliveries, 50), 'ms');
    emit('server.event_delivery_p95_ms', p(r.deliveries, 95), 'ms');
    emit('server.events_missed', r.eventsMissed, 'events');

    // The register, read through the API as a văn thư: each book and period numbered 1..N, no number twice, none missing.
    const clerk = new RemoteApp({ url: server.url, caFile: server.ca });
    await clerk.login(desks.find((d) => d.kind === 'register')!.username, PASSWORD);
    const rows = await clerk.call('outgoing.list', { year, limit: 5000 });
    await clerk.close();
    const check = checkRegister(rows, r.issued);
    process.stderr.write(`server: register ${JSON.stringify(check)}\n`);
    emit('server.issued', check.issued, 'documents');
    emit('server.dup_or_missing_numbers', check.duplicates + check.missing + check.issuingLeft + check.cancelledWithoutReason + check.draftIssuedTwice + check.issuedNotInRegister, 'numbers');

    const window = samples.length >= 2 ? samples[samples.length - 1].at - samples[0].at : NaN;
    const ticks = clockTicks();
    const cpu = (k: 'server' | 'load') => ((samples[samples.length - 1][k].cpuTicks - samples[0][k].cpuTicks) / ticks / (window / 1000)) * 100;
    emit('server.rss_peak_mib', Math.max(...samples.map((s) => s.server.rssKiB)) / 1024, 'MiB');
    emit('server.cpu_mean_pct', cpu('server'), '% of one core');
    emit('server.loadgen_cpu_mean_pct', cpu('load'), '% of one core');
    // Everything else the machine ran meanwhile (other people's tests skew every figure above: run on a quiet machine).
    const first = samples[0];
    const last = samples[samples.length - 1];
    const others = last.busyTicks - first.busyTicks - (last.server.cpuTicks - first.server.cpuTicks) - (last.load.cpuTicks - first.load.cpuTicks);
    const otherPct = Math.max(0, (others / ticks / (window / 1000)) * 100);
    emit('server.other_processes_cpu_pct', otherPct, '% of one core');
    if (otherPct > 25) process.stderr.write(`server: other processes used ${otherPct.toFixed(0)}% of a core during the run: the latencies above are not this server's alone\n`);
    emit('server.cold_sign_ms', r.coldSignMs ?? NaN, 'ms');
    emit('server.cold_issue_ms', r.coldIssueMs ?? NaN, 'ms');
    emit('server.clients', clients, 'desks');
    emit('server.duration_s', r.elapsedMs / 1000, 's');

    // Per method, for finding the slow ones (stderr: not figures).
    const table = Object.entries(r.methods)
      .sort((a, b) => p(b[1], 95) - p(a[1], 95))
      .map(([m, xs]) => `  ${m.padEnd(26)} n=${String(xs.length).padStart(5)}  p50 ${p(xs, 50).toFixed(1).padStart(7)}  p95 ${p(xs, 95).toFixed(1).padStart(7)}  max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
    process.stderr.write(`server: actions ${JSON.stringify(r.actions)}\nserver: per method\n${table.join('\n')}\n`);
    const buckets = new Map<number, number>();
    for (const [at] of r.slow) buckets.set(Math.floor(at / 5000) * 5, (buckets.get(Math.floor(at / 5000) * 5) ?? 0) + 1);
    process.stderr.write(`server: calls over 200 ms by 5-s window: ${[...buckets].map(([s, n]) => `${s}s:${n}`).join(' ') || 'none'}\n`);
    if (process.env.VANPHONG_BENCH_SLOW) fs.writeFileSync(process.env.VANPHONG_BENCH_SLOW, JSON.stringify(r.slow));
  } finally {
    await stopServer(server.child);
    fs.rmSync(pkiDir, { recursive: true, force: true });
    const log = server.out().split('\n').filter((l) => /lỗi|error/i.test(l));
    if (log.length) process.stderr.write(`server: its log says\n${log.slice(0, 10).join('\n')}\n`);
    if (opts.keep) {
      fs.writeFileSync(path.join(dataDir, 'server.log'), server.out());
      process.stderr.write(`server: kept ${dataDir} (the server's output in server.log)\n`);
    } else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The office's accounts, keys and some history: incoming records to list, search and open, drafts to open. */
async function seed(dataDir: string, clients: number, quick: boolean) {
  const clerks = Math.max(2, Math.round(clients * 0.08));
  const leaders = Math.min(LEADER_NAMES.length, Math.max(2, Math.round(clients * 0.1)));
  const app = await openApp({ dataDir });
  const passwordHash = await hashPassword(PASSWORD);
  const accounts = new Map<number, ReturnType<typeof insertUser>>();
  const desks: DeskUser[] = immediate(app.db, () => {
    const out: DeskUser[] = [];
    const add = (username: string, fullName: string, roles: Role[], kind: Kind, slot = 0) => {
      const u = insertUser(app.db, { username, fullName, roles, passwordHash, unit: 'Văn phòng' }, app.nowIso());
      accounts.set(u.id, u);
      out.push({ id: u.id, username, fullName, kind, slot });
    };
    let issuer = 0;
    for (let i = 0; i < clerks; i++) add(`vanthu${i + 1}`, `Văn Thư ${i + 1}`, ['vanthu'], i % 2 ? 'issue' : 'register', i % 2 ? issuer++ : 0);
    for (let i = 0; i < leaders; i++) add(`lanhdao${i + 1}`, LEADER_NAMES[i], ['lanhdao'], 'lanhdao');
    for (let i = 0; i < clients - clerks - leaders; i++) add(`chuyenvien${i + 1}`, `Chuyên Viên ${i + 1}`, ['chuyenvien'], 'chuyenvien');
    return out;
  });
  const as = (d: DeskUser) => ({ caller: toCaller(accounts.get(d.id)!) });
  const ok = async <K extends MethodName>(d: DeskUser, name: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    const res = await dispatch(app, name, input, as(d));
    if (!res.ok) throw new Error(`seed ${name}: ${res.error.message}`);
    return res.value as MethodOutput<K>;
  };

  // Incoming records of this year so far, as the registers hold them.
  const year = Number(app.today().slice(0, 4));
  const incomingMax = quick ? 5_000 : 20_000;
  const r = rng(1306);
  const orgs = organs();
  const start = Date.parse(`${year}-01-02`);
  const span = Date.parse(app.today()) - start;
  const records = Array.from({ length: incomingMax }, (_, k) => {
    const date = new Date(start + Math.floor((k / incomingMax) * span)).toISOString().slice(0, 10);
    const org = pick(r, orgs);
    const s = subject(r);
    return { arrivalDate: date, docDate: date, sender: org.name, ref: `${k + 1}/${s.abbr || 'CV'}-${org.abbr}`, docType: s.type, subject: s.subject };
  });
  const clerk = desks.find((d) => d.kind === 'register')!;
  for (let i = 0; i < records.length; i += 5000) await ok(clerk, 'incoming.bulkRegister', { records: records.slice(i, i + 5000) });

  // Drafts being written (opened by anyone, changed by their drafter only).
  const staff = desks.filter((d) => d.kind === 'chuyenvien');
  const leaderDesks = desks.filter((d) => d.kind === 'lanhdao');
  const draftIds: number[] = [];
  for (let i = 0; i < 100; i++) {
    const saved = await ok(staff[i % staff.length], 'drafts.save', { draft: draftFor(r, leaderDesks[i % leaderDesks.length].fullName, i) });
    draftIds.push(saved.id);
  }
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();

  // One key per leader (the certificate in the leader's own name) and the organisation's.
  const pki = makeTestPki();
  const keys: Record<string, string> = { organisation: pki.p12(ORGAN, { password: P12_PASSWORD }) };
  for (const l of leaderDesks) keys[l.username] = pki.p12(l.fullName, { password: P12_PASSWORD });
  return { desks, keys, draftIds, incomingMax, year, pkiDir: pki.dir };
}

/** A new plan of 1–3 pages, to be signed by `signer`; number and date blank (given at issuance). */
function draftFor(r: () => number, signer: string, k: number): MethodInput<'drafts.save'>['draft'] {
  const s = subject(r);
  return {
    ...statePlan(1 + Math.floor(r() * 3)),
    number: null,
    date: null,
    organ: ORGAN,
    organAbbr: 'UBND',
    place: 'Bắc Ninh',
    subject: `${s.subject} (${k})`,
    recipients: [],
    archive: ['VT'],
    signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: signer },
  };
}

type RegisterCheck = Record<'issued' | 'cancelled' | 'duplicates' | 'missing' | 'issuingLeft' | 'cancelledWithoutReason' | 'draftIssuedTwice' | 'issuedNotInRegister', number>;

/** Numbers of each book and period: 1..N, each once; no issuance left half-done; each draft issued once; none lost. */
function checkRegister(rows: OutgoingRecord[], issuedByClients: { draftId: number; number: number }[]): RegisterCheck {
  const c: RegisterCheck = { issued: 0, cancelled: 0, duplicates: 0, missing: 0, issuingLeft: 0, cancelledWithoutReason: 0, draftIssuedTwice: 0, issuedNotInRegister: 0 };
  const series = new Map<string, number[]>();
  const byDraft = new Map<number, number>();
  for (const row of rows) {
    const key = `${row.bookId}/${row.period}`;
    series.set(key, [...(series.get(key) ?? []), row.number]);
    if (row.status === 'issued') {
      c.issued++;
      if (row.draftId !== null) byDraft.set(row.draftId, (byDraft.get(row.draftId) ?? 0) + 1);
    } else if (row.status === 'issuing') c.issuingLeft++;
    else if (row.status === 'cancelled') {
      c.cancelled++;
      if (!row.note?.trim()) c.cancelledWithoutReason++;
    }
  }
  for (const nums of series.values()) {
    const distinct = new Set(nums);
    c.duplicates += nums.length - distinct.size;
    c.missing += Math.max(...nums) - distinct.size;
  }
  for (const n of byDraft.values()) c.draftIssuedTwice += n - 1;
  const issuedRows = new Set(rows.filter((x) => x.status === 'issued').map((x) => `${x.draftId}/${x.number}`));
  c.issuedNotInRegister = issuedByClients.filter((x) => !issuedRows.has(`${x.draftId}/${x.number}`)).length;
  return c;
}

function startServer(root: string, dataDir: string): Promise<ServerProcess> {
  // VANPHONG_BENCH_SERVER_ARGS: Node options for the server process when looking for a cause (--cpu-prof, --trace-gc).
  return startServerProcess(root, dataDir, { nodeArgs: (process.env.VANPHONG_BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean) });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

type ProcSample = { cpuTicks: number; rssKiB: number };

/** utime + stime (clock ticks) from /proc/PID/stat and VmRSS from /proc/PID/status; null off Linux or once gone. */
function procSample(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuTicks: Number(f[11]) + Number(f[12]), rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) };
  } catch {
    return null;
  }
}

/** Busy clock ticks of the whole machine, all cores (/proc/stat: everything but idle and iowait). */
function machineBusyTicks(): number {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4];
  } catch {
    return NaN;
  }
}

function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
}

// ——— the load process ———

interface Desk extends DeskUser {
  api: RemoteApp;
  stream?: { close(): void };
  r: () => number;
  /** On a leader's desk: draft id → when a submit to this leader was sent (performance.now()). */
  watch: Map<number, number>;
  known: number[];
  made: number;
}

/** Child mode (`--load-worker CONFIG`): the desks, for the configured time; one JSON line at start, one at the end. */
export async function loadWorker(configPath: string): Promise<void> {
  const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8')) as LoadConfig;
  const ca = fs.readFileSync(cfg.caFile);
  const base = new URL(cfg.url);
  const keys = new Map<string, SigningKey>(Object.entries(cfg.keys).map(([who, file]) => [who, loadP12(new Uint8Array(fs.readFileSync(file)), cfg.p12Password)]));
  const res: LoadResult = { elapsedMs: 0, calls: 0, actions: {}, classes: { read: [], write: [], sign: [], issue: [] }, methods: {}, errors: 0, errorSamples: [], deliveries: [], eventsMissed: 0, issued: [], slow: [] };
  const qs = queries(rng(cfg.seed), 400).map((q, i) => (i % 2 ? foldVietnamese(q) : q));
  const desks: Desk[] = cfg.desks.map((u, i) => ({ ...u, api: new RemoteApp({ url: cfg.url, caFile: cfg.caFile }), r: rng(cfg.seed + 7919 * (i + 1)), watch: new Map(), known: [...cfg.draftIds], made: 0 }));
  const leaders = desks.filter((d) => d.kind === 'lanhdao');
  let measuring = false;

  // Log in (the API client, and the live stream as a browser tab holds it), ten desks at a time.
  for (let i = 0; i < desks.length; i += 10) {
    await Promise.all(
      desks.slice(i, i + 10).map(async (d) => {
        await d.api.login(d.username, cfg.password);
        const cookie = await cookieLogin(base, ca, d.username, cfg.password);
        d.stream = await openStream(base, ca, cookie, (e, at) => {
          if (e.action !== 'outgoing.submit' || e.entityId === null) return;
          const sent = d.watch.get(e.entityId);
          if (sent === undefined) return;
          d.watch.delete(e.entityId);
          if (measuring) res.deliveries.push(at - sent);
        });
      }),
    );
  }

  const time = async <K extends MethodName>(d: Desk, cls: Cls | null, name: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    const t = performance.now();
    const v = await d.api.call(name, input);
    const ms = performance.now() - t;
    if (!measuring) return v;
    res.calls++;
    (res.methods[name] ??= []).push(ms);
    if (cls) res.classes[cls].push(ms);
    if (ms > 200) res.slow.push([Math.round(t - t0), name, Math.round(ms)]);
    return v;
  };
  /** A signature at the desk, timed whole: prepare, the key here signs, complete. */
  const deskSign = async (d: Desk, cls: 'sign' | 'issue', key: SigningKey, prepare: (cert: { certificate: Uint8Array; chain: Uint8Array[] }) => Promise<{ requestId: string; dataToSign: Uint8Array }>) => {
    const t = performance.now();
    const done = await signAtDesk(key, {
      prepare,
      complete: (requestId, signature) => time(d, null, 'outgoing.completeSigning', { requestId, signature }),
      cancel: (requestId, reason) => time(d, null, 'outgoing.cancelSigning', { requestId, reason }),
    });
    const ms = performance.now() - t;
    if (measuring) res.classes[cls].push(ms);
    else if (cls === 'sign') res.coldSignMs ??= ms;
    else res.coldIssueMs ??= ms;
    return done;
  };

  const read = async (d: Desk): Promise<string> => {
    const x = d.r();
    if (x < 0.4) {
      const y = d.r();
      if (y < 0.5) await time(d, 'read', 'incoming.list', { year: cfg.year, limit: 50 });
      else if (y < 0.8) d.known = [...new Set([...(await time(d, 'read', 'drafts.list', { limit: 50 })).map((s) => s.id), ...d.known])].slice(0, 200);
      else await time(d, 'read', 'outgoing.list', { year: cfg.year, limit: 200 });
      return 'list';
    }
    if (x < 0.6) {
      await time(d, 'read', 'search.query', { query: pick(d.r, qs), limit: 50 });
      return 'search';
    }
    if (d.r() < 0.6) await time(d, 'read', 'incoming.get', { id: 1 + Math.floor(d.r() * cfg.incomingMax) });
    else await time(d, 'read', 'drafts.get', { id: pick(d.r, d.known) });
    return 'open';
  };

  const register = async (d: Desk) => {
    const org = pick(d.r, organs());
    const s = subject(d.r);
    await time(d, 'write', 'incoming.register', { sender: org.name, ref: `${++d.made}-${d.id}/${s.abbr || 'CV'}-${org.abbr}`, docDate: new Date().toISOString().slice(0, 10), docType: s.type, subject: s.subject, urgency: d.r() < 0.1 ? 'khan' : 'thuong' });
    return 'register';
  };

  const submit = async (d: Desk, leader = pick(d.r, leaders)) => {
    const saved = await time(d, 'write', 'drafts.save', { draft: draftFor(d.r, leader.fullName, ++d.made) });
    d.known.unshift(saved.id);
    leader.watch.set(saved.id, performance.now());
    try {
      await time(d, 'write', 'outgoing.submit', { id: saved.id, to: leader.id });
    } catch (e) {
      leader.watch.delete(saved.id);
      throw e;
    }
    return 'submit';
  };

  /** The leader's inbox; the oldest draft waiting is approved and signed at the desk with the leader's own key. */
  const review = async (d: Desk) => {
    const waiting = (await time(d, 'read', 'outgoing.inbox', { limit: 50 })).filter((s) => s.status === 'cho-duyet' || s.status === 'da-duyet');
    const next = waiting[waiting.length - 1];
    if (!next) return 'inbox';
    if (next.status === 'cho-duyet') await time(d, 'write', 'outgoing.approve', { id: next.id });
    await deskSign(d, 'sign', keys.get(d.username)!, (cert) => time(d, null, 'outgoing.prepareSign', { id: next.id, ...cert }));
    return 'approve+sign';
  };

  /** The văn thư's inbox; a signed draft of this desk's share is issued: number, date and the organisation's signature. */
  const issue = async (d: Desk) => {
    const ready = (await time(d, 'read', 'outgoing.inbox', { limit: 200 })).filter((s) => s.status === 'da-ky' && s.id % cfg.issuers === d.slot);
    const next = ready[ready.length - 1];
    if (!next) return 'inbox';
    const done = await deskSign(d, 'issue', keys.get('organisation')!, (cert) => time(d, null, 'outgoing.prepareIssue', { id: next.id, ...cert }));
    if (done.outgoing) res.issued.push({ draftId: next.id, number: done.outgoing.number, ref: done.outgoing.ref });
    return 'issue';
  };

  // VANPHONG_BENCH_NO_SIGNING=1 (when looking for a cause): leaders and issuing văn thư only read, nothing is signed.
  const noSigning = process.env.VANPHONG_BENCH_NO_SIGNING === '1';
  const act = (d: Desk): Promise<string> => {
    const x = d.r();
    if (noSigning && (d.kind === 'lanhdao' || d.kind === 'issue')) return read(d);
    switch (d.kind) {
      case 'chuyenvien':
        return x < 0.94 ? read(d) : submit(d);
      case 'lanhdao':
        return x < 0.3 ? read(d) : review(d);
      case 'register':
        return x < 0.7 ? register(d) : read(d);
      case 'issue':
        return x < 0.2 ? read(d) : issue(d);
    }
  };

  // Warm-up, unmeasured but for the first signature's time: one draft per leader taken from submit to issued, as a
  // server that has run for a day has done (the first signature after a start loads the PDF and CMS code).
  const staff = desks.find((d) => d.kind === 'chuyenvien')!;
  for (const leader of leaders) await submit(staff, leader);
  for (const leader of leaders) await review(leader);
  for (const clerk of desks.filter((d) => d.kind === 'issue')) while ((await issue(clerk)) === 'issue');
  await Promise.all(desks.map((d) => read(d)));

  process.stdout.write(JSON.stringify({ phase: 'start' }) + '\n');
  const t0 = performance.now();
  measuring = true;
  const end = t0 + cfg.durationMs;
  await Promise.all(
    desks.map(async (d) => {
      await sleep(d.r() * cfg.thinkMs);
      while (performance.now() < end) {
        try {
          const action = await act(d);
          res.actions[action] = (res.actions[action] ?? 0) + 1;
        } catch (e) {
          res.errors++;
          const msg = `${d.username}: ${(e as Error).message}`;
          if (res.errorSamples.length < 5) {
            res.errorSamples.push(msg);
            process.stderr.write(`server load error: ${msg}\n`);
          }
        }
        await sleep(cfg.thinkMs);
      }
    }),
  );
  res.elapsedMs = performance.now() - t0;
  // Events still on their way get two seconds to arrive; what has not by then is counted missed.
  const deadline = performance.now() + 2000;
  while (leaders.some((l) => l.watch.size) && performance.now() < deadline) await sleep(50);
  res.eventsMissed = leaders.reduce((n, l) => n + l.watch.size, 0);
  for (const d of desks) d.stream?.close();
  await Promise.all(desks.map((d) => d.api.close()));
  process.stdout.write(JSON.stringify({ phase: 'done', result: res }) + '\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A second login of the desk's user, for its live stream (RemoteApp keeps its cookie to itself, as it should). */
function cookieLogin(base: URL, ca: Buffer, username: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const req = https.request(
      { host: base.hostname, port: base.port, method: 'POST', path: '/api/auth.login', ca, agent: false, headers: { Host: base.host, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0];
          if (res.statusCode === 200 && cookie.includes('=')) resolve(cookie);
          else reject(new Error(`login for the live stream failed (HTTP ${res.statusCode})`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET /events with the session cookie: each event handed over with the time it arrived. */
function openStream(base: URL, ca: Buffer, cookie: string, onEvent: (e: LiveEvent, at: number) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: base.hostname, port: base.port, path: '/events', ca, agent: false, headers: { Host: base.host, Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live stream refused (HTTP ${res.statusCode})`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        const at = performance.now();
        buf += d;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && data !== 'data: {}') onEvent(JSON.parse(data.slice(6)) as LiveEvent, at);
        }
      });
      res.on('error', () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on('error', (e) => reject(e));
    req.end();
  });
}
