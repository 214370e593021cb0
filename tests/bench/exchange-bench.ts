import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { dispatch } from '../../electron/api/dispatch';
import { openApp } from '../../electron/hosts/open-app';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { buildPlan } from '../../shared/drafting/plan';
import { draftSchema } from '../../shared/drafting/model';
import { makeTestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';
import { benchSession } from './session';
import { median } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

const A_ID = '000.00.00.H30';
const B_ID = '000.00.00.H31';
const A_NAME = 'Ủy ban nhân dân tỉnh Hậu Giang';
const B_NAME = 'Sở Nội vụ tỉnh Hậu Giang';

async function ok<T>(app: AppContext, name: string, input: unknown, s: Session): Promise<T> {
  const r = await dispatch(app, name, input, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/**
 * Issue 18: edXML export and import (p50) of a 10-page signed plan with 3 attachments — the package built and signed
 * (XML-DSig, RSA-2048) in office A; read in the parse worker, its XML and PDF signatures verified and registered in
 * office B (a fresh data folder each time: a DocumentId is received once).
 */
export async function benchExchange(emit: Emit, opts: { runs?: number } = {}): Promise<void> {
  if (spawnSync('openssl', ['version']).error) {
    process.stderr.write('exchange: openssl not installed (it makes the bench CA), figures skipped\n');
    return;
  }
  const runs = opts.runs ?? 10;
  const pki = makeTestPki();
  const p12 = (name: string) => ({ kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12(name))), password: '123456' });
  const orgKey = p12(A_NAME);
  const dirs: string[] = [];
  const a = await openApp({ dataDir: dirs[dirs.push(tmp('vanphong-bench-edxml-a-')) - 1], onNewKey: () => undefined });
  const [me, gd] = [await benchSession(a, 'bench'), await benchSession(a, 'gd')];
  await ok(a, 'settings.saveOrganisation', { profile: 'state', name: A_NAME, abbr: 'UBND', place: 'Hậu Giang', organId: A_ID }, me);
  await ok(a, 'organizations.create', { name: B_NAME, organId: B_ID }, me);
  // A plan of 10 pages, signed by the leader and issued.
  let n = 10;
  while ((await renderPdf(buildPlan(draftSchema.parse(statePlan(n))))).pageCount < 10) n++;
  const draft = draftSchema.parse({ ...statePlan(n), number: null, date: null, organ: A_NAME, organAbbr: 'UBND', recipients: [{ text: B_NAME }], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'gd' } });
  const d = await ok<{ id: number }>(a, 'drafts.save', { draft }, me);
  await ok(a, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, me);
  await ok(a, 'outgoing.approve', { id: d.id }, gd);
  await ok(a, 'outgoing.sign', { id: d.id, key: p12('gd') }, gd);
  const issued = await ok<{ id: number; pageCount: number }>(a, 'outgoing.issue', { id: d.id, key: orgKey }, me);
  const appendix = async (pages: number) => (await renderPdf(buildPlan(draftSchema.parse(statePlan(pages))))).data;
  const attachments = [
    { name: 'Phu-luc-1.pdf', data: await appendix(2) },
    { name: 'Phu-luc-2.pdf', data: await appendix(3) },
    { name: 'Danh-sach.csv', data: new Uint8Array(Buffer.from('STT,Đơn vị,Số lượng\n'.repeat(3000), 'utf8')) },
  ];
  const exportOnce = () => ok<{ bytes: Uint8Array }>(a, 'exchange.exportEdxml', { id: issued.id, key: orgKey, attachments }, me);
  let pkg = (await exportOnce()).bytes;
  const exportMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pkg = (await exportOnce()).bytes;
    exportMs.push(performance.now() - t0);
  }
  emit('edxml.export_p50', median(exportMs), 'ms');
  emit('edxml.package_size', pkg.byteLength / 1024, 'KiB');
  await a.close();

  const ca = new Uint8Array(fs.readFileSync(pki.caDer));
  const importMs: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const b = await openApp({ dataDir: dirs[dirs.push(tmp('vanphong-bench-edxml-b-')) - 1], onNewKey: () => undefined });
    const s = await benchSession(b, 'bench');
    await ok(b, 'settings.saveOrganisation', { profile: 'state', name: B_NAME, abbr: 'SNV', place: 'Hậu Giang', organId: B_ID }, s);
    await ok(b, 'trust.add', { data: ca }, s);
    const t0 = performance.now();
    const r = await ok<{ signatures: { status: string }[] }>(b, 'exchange.importEdxml', { fileName: 'ke-hoach.edxml', data: pkg }, s);
    // The first run starts the parse worker: not counted.
    if (i > 0) importMs.push(performance.now() - t0);
    if (r.signatures.some((x) => x.status !== 'valid')) throw new Error('bench: a signature of the package does not verify');
    await b.close();
  }
  emit('edxml.import_p50', median(importMs), 'ms');
  for (const dir of [...dirs, pki.dir]) fs.rmSync(dir, { recursive: true, force: true });
}
