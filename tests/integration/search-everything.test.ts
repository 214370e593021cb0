import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/app/caller';
import type { Mark, SearchHit } from '../../shared/search/schemas';
import { draftSchema, type DraftInput } from '../../shared/drafting/model';
import { addUser, call, callErr, loginAs, sampleIncoming, tempApp } from '../helpers/app';
import { CLI_PASSWORD, CLI_USER, provisionedDataDir, vanphong } from '../helpers/cli';
import { makeTestPki } from '../helpers/test-ca';
import { makePdf } from '../fixtures/make-files';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';
import { hitRows, markedIncoming } from '../../electron/search/repo';
import { buildMatch, incomingMetaSource } from '../../electron/search/query';
import { alignMarks, clipMarks, CLOSE, OPEN } from '../../electron/search/marks';

/**
 * Issue 15 item 7: one search over the incoming register, the outgoing register (metadata and the issued PDF's text)
 * and the drafts (their text), with the matched words marked in the trích yếu and the excerpts, filters, paging, and
 * the read rule (scope/repo.ts) applied to every kind: nobody finds a record they cannot open.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[search-everything] issued-document checks skipped: the openssl command is not installed (it makes the test CA)');

let app: Awaited<ReturnType<typeof tempApp>>;
let vt: Session, ld: Session, cv: Session, cv2: Session, qt: Session;

const words = (text: string, marks: Mark[]) => marks.map(([a, b]) => text.slice(a, b));
const hits = async (query: string, who: Session, more: Record<string, unknown> = {}) => call(app, 'search.query', { query, ...more }, who);
const keys = (hs: SearchHit[]) => hs.map((h) => `${h.kind}:${h.id}`);

/** A Kế hoạch of Ủy ban nhân dân tỉnh Bắc Ninh with its own trích yếu, body and recipients. */
const plan = (subject: string, body: string, over: Partial<DraftInput> = {}): DraftInput =>
  draftSchema.parse({
    ...statePlan(1),
    number: null,
    date: null,
    organ: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    organAbbr: 'UBND',
    subject,
    body: [{ kind: 'paragraph', text: body }],
    recipients: [{ text: 'Sở Tài nguyên và Môi trường', note: 'để thực hiện' }, { text: 'Ban Quản lý Khu bảo tồn Vân Long' }],
    archive: ['VT'],
    signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
    ...over,
  });

beforeAll(async () => {
  // The real clock: the test CA's certificates are valid from now.
  app = await tempApp({ withUser: false, clock: () => new Date() });
  vt = await addUser(app, 'vt', ['vanthu'], 'Lê Văn Thư');
  ld = await addUser(app, 'ld', ['lanhdao'], 'Nguyễn Văn An', { title: 'Chủ tịch' });
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Trần Thị Bình');
  cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Đỗ Văn Cường');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
});
afterAll(() => app.cleanup());

describe('drafts are searched by their text, with the matched words marked', () => {
  let draft: { id: number };
  beforeAll(async () => {
    draft = await call(app, 'drafts.save', { draft: plan('Kế hoạch bảo tồn đa dạng sinh học năm 2026', 'Khảo sát quần thể voọc mông trắng tại đất ngập nước Vân Long, Ninh Bình.') }, cv);
    await app.indexer.runUntilIdle();
  });

  it('finds a draft by a word of its body, typed without diacritics, and marks them in the excerpt', async () => {
    const [h] = await hits('vooc mong trang', cv);
    expect(h).toMatchObject({ kind: 'draft', id: draft.id, snippetFrom: 'text', sender: 'Trần Thị Bình', status: 'du-thao' });
    expect(h.snippet).toContain('quần thể voọc mông trắng tại');
    expect(words(h.snippet, h.snippetMarks)).toEqual(['voọc', 'mông', 'trắng']);
  });

  it('marks the trích yếu word for word, đ included, the last word as a prefix', async () => {
    const [h] = await hits('Da dang sinh hoc', cv);
    expect(h.id).toBe(draft.id);
    expect(words(h.subject, h.subjectMarks)).toEqual(['đa', 'dạng', 'sinh', 'học']);
    expect(h.snippetFrom).toBe('meta');
    const [p] = await hits('bao to', cv);
    expect(words(p.subject, p.subjectMarks)).toEqual(['bảo', 'tồn']);
  });

  it('follows a save: the old words are gone, the new ones found; a deleted draft leaves the index', async () => {
    const saved = await call(app, 'drafts.get', { id: draft.id }, cv);
    const d2 = await call(app, 'drafts.save', { draft: plan('Kế hoạch bảo tồn đa dạng sinh học năm 2026', 'Điều tra loài rùa Hoàn Kiếm.') }, cv);
    await call(app, 'drafts.save', { id: d2.id, draft: plan('Kế hoạch khác', 'Điều tra loài sếu đầu đỏ.'), expectedUpdatedAt: d2.updatedAt }, cv);
    await app.indexer.runUntilIdle();
    expect(keys(await hits('rua hoan kiem', cv))).toEqual([]);
    expect(keys(await hits('seu dau do', cv))).toEqual([`draft:${d2.id}`]);
    await call(app, 'drafts.delete', { id: d2.id }, cv);
    expect(keys(await hits('seu dau do', cv))).toEqual([]);
    expect(saved.id).toBe(draft.id);
  });

  it('a dự thảo is its drafter’s alone: no other account finds it, in the dropdown or on the results page', async () => {
    for (const who of [cv2, ld, vt, qt]) {
      expect(keys(await hits('vooc mong trang', who))).toEqual([]);
      expect(await call(app, 'search.results', { query: 'vooc mong trang' }, who)).toEqual({ hits: [], total: 0, capped: false });
    }
    // Submitted to the leader: the leader and the registers read it; another chuyên viên still does not.
    await call(app, 'outgoing.submit', { id: draft.id, to: ld.caller!.id }, cv);
    for (const who of [ld, vt]) expect(keys(await hits('vooc mong trang', who))).toEqual([`draft:${draft.id}`]);
    for (const who of [cv2, qt]) expect(keys(await hits('vooc mong trang', who))).toEqual([]);
  });
});

describe('incoming documents with the filters and paging of the results page', () => {
  beforeAll(async () => {
    await call(app, 'incoming.register', { ...sampleIncoming({ sender: 'Sở Tài nguyên và Môi trường', ref: '15/BC-STNMT', docType: 'Báo cáo', subject: 'Báo cáo hiện trạng đa dạng sinh học tỉnh', arrivalDate: '2025-12-30', docDate: '2025-12-29' }), attachments: [{ name: 'bc.pdf', data: makePdf(['Quan the vooc mong trang tang len 200 ca the']) }] }, vt);
    await call(app, 'incoming.register', sampleIncoming({ sender: 'Sở Nông nghiệp và Phát triển nông thôn', ref: '22/KH-SNN', docType: 'Kế hoạch', subject: 'Kế hoạch bảo vệ đa dạng sinh học vùng đồi' }), vt);
    await call(app, 'incoming.register', sampleIncoming({ sender: 'Sở Tài nguyên và Môi trường', ref: '31/TB-STNMT', docType: 'Thông báo', subject: 'Thông báo kết quả kiểm kê đa dạng sinh học' }), vt);
    await app.indexer.runUntilIdle();
  });

  it('filters by kind, year, organ and type; each filter inside the query, so the total counts only what matches', async () => {
    const all = await call(app, 'search.results', { query: 'đa dạng sinh học' }, vt);
    expect(all.hits.map((h) => h.kind).sort()).toEqual(['draft', 'incoming', 'incoming', 'incoming']);
    expect(all.total).toBe(4);
    const only = async (f: Record<string, unknown>) => (await call(app, 'search.results', { query: 'da dang sinh hoc', ...f }, vt)).hits.map((h) => h.ref || h.kind);
    expect(await only({ kinds: ['incoming'] })).toEqual(['31/TB-STNMT', '22/KH-SNN', '15/BC-STNMT']);
    expect(await only({ kinds: ['draft'] })).toEqual(['draft']);
    expect(await only({ year: 2025 })).toEqual(['15/BC-STNMT']);
    expect(await only({ organ: 'tai nguyen va moi truong', kinds: ['incoming'] })).toEqual(['31/TB-STNMT', '15/BC-STNMT']);
    // For a draft (and an outgoing document) the organ is a recipient.
    expect(await only({ organ: 'Sở Tài nguyên', kinds: ['draft'] })).toEqual(['draft']);
    expect(await only({ organ: 'Sở Nội vụ', kinds: ['draft'] })).toEqual([]);
    expect(await only({ docType: 'Kế hoạch' })).toEqual(['22/KH-SNN', 'draft']);
    expect(await only({ docType: 'BC' })).toEqual(['15/BC-STNMT']);
    expect(await callErr(app, 'search.results', { query: 'x', docType: 'Không có loại này' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'docType' });
    expect(await callErr(app, 'search.results', { query: 'x', kinds: ['mat'] }, vt)).toMatchObject({ code: 'VALIDATION', field: 'kinds.0' });
  });

  it('pages through the hits newest first without overlap, the total unchanged', async () => {
    const pages = [];
    for (let offset = 0; offset < 4; offset++) pages.push(await call(app, 'search.results', { query: 'da dang sinh hoc', offset, limit: 1 }, vt));
    expect(pages.map((p) => p.total)).toEqual([4, 4, 4, 4]);
    const seen = pages.flatMap((p) => keys(p.hits));
    expect(new Set(seen).size).toBe(4);
    const dates = pages.map((p) => p.hits[0].date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('marks the words in an attachment’s excerpt and in the trích yếu of an incoming document', async () => {
    const [h] = await call(app, 'search.query', { query: 'vooc mong trang', kinds: ['incoming'] }, vt);
    expect(h.ref).toBe('15/BC-STNMT');
    expect(h.snippetFrom).toBe('text');
    expect(words(h.snippet, h.snippetMarks).map((w) => w.toLowerCase())).toEqual(['vooc', 'mong', 'trang']);
    const [k] = await call(app, 'search.query', { query: 'bao ve da dang', kinds: ['incoming'] }, vt);
    expect(words(k.subject, k.subjectMarks)).toEqual(['bảo', 'vệ', 'đa', 'dạng']);
    // Those marks are FTS5's highlight() of the folded metadata, carried over to the original (not a second matcher).
    const [row] = hitRows(app.db, [k.id]);
    const [fts] = markedIncoming(app.db, buildMatch('bao ve da dang')!, [k.id]);
    const src = incomingMetaSource({ ...row, docType: row.doc_type, arrivalNumber: row.arrival_number });
    expect(fts.meta).toContain(`${OPEN}bao${CLOSE}`);
    expect(clipMarks(alignMarks(src.text, fts.meta)!, ...src.subject)).toEqual(k.subjectMarks);
    expect(words(k.sender, k.senderMarks)).toEqual([]);
    const [s] = await call(app, 'search.query', { query: 'STNMT 31' }, vt);
    expect(words(s.ref, s.refMarks)).toEqual(['31', 'STNMT']);
  });
});

describe.skipIf(!haveOpenssl)('outgoing documents: metadata and the issued PDF’s text', () => {
  let issued: { id: number; ref: string };
  let draftId: number;
  beforeAll(async () => {
    const pki = makeTestPki();
    const key = (name: string) => ({ kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12(name))), password: '123456' });
    const d = await call(app, 'drafts.save', { draft: plan('Kế hoạch trồng rừng ngập mặn ven biển', 'Trồng mới 120 héc-ta cây đước và cây bần chua ở bãi bồi cửa sông.') }, cv);
    draftId = d.id;
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    await call(app, 'outgoing.approve', { id: d.id }, ld);
    await call(app, 'outgoing.sign', { id: d.id, key: key('Nguyễn Văn An') }, ld);
    issued = await call(app, 'outgoing.issue', { id: d.id, key: key('Ủy ban nhân dân tỉnh Bắc Ninh') }, vt);
    await app.indexer.runUntilIdle();
  }, 60_000);

  it('finds the issued document by its số, ký hiệu and by a phrase of its PDF, marked in the excerpt', async () => {
    expect(issued.ref).toBe('01/KH-UBND');
    const byRef = await hits('01/KH-UBND', vt, { kinds: ['outgoing'] });
    expect(keys(byRef)).toEqual([`outgoing:${issued.id}`]);
    expect(words(byRef[0].ref, byRef[0].refMarks)).toEqual(['01', 'KH', 'UBND']);
    expect(byRef[0]).toMatchObject({ number: '1', status: 'issued', sender: 'Sở Tài nguyên và Môi trường; Ban Quản lý Khu bảo tồn Vân Long' });
    expect(byRef[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const [h] = await hits('cay duoc va cay ban chua', vt, { kinds: ['outgoing'] });
    expect(h.id).toBe(issued.id);
    expect(h.snippetFrom).toBe('text');
    expect(h.snippet).toContain('cây đước và cây bần chua');
    expect(words(h.snippet, h.snippetMarks).join(' ')).toContain('cây đước và cây bần chua');
    // The draft it was issued from shows the number it was issued under.
    const [dh] = await hits('rung ngap man', vt, { kinds: ['draft'] });
    expect(dh).toMatchObject({ id: draftId, ref: '01/KH-UBND', status: 'da-phat-hanh' });
  });

  it('the organ filter of an outgoing document is a recipient', async () => {
    expect(keys(await hits('rung ngap man', vt, { kinds: ['outgoing'], organ: 'khu bao ton van long' }))).toEqual([`outgoing:${issued.id}`]);
    expect(keys(await hits('rung ngap man', vt, { kinds: ['outgoing'], organ: 'So Noi vu' }))).toEqual([]);
  });

  it('the read rule per role: the drafter, the leader and the registers find it; another chuyên viên and the quản trị do not', async () => {
    const found = async (who: Session) => keys(await hits('rung ngap man', who, { kinds: ['outgoing'] }));
    for (const who of [cv, ld, vt]) expect(await found(who)).toEqual([`outgoing:${issued.id}`]);
    for (const who of [cv2, qt]) {
      expect(await found(who)).toEqual([]);
      expect(await callErr(app, 'outgoing.get', { id: issued.id }, who)).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('nobody finds a record they cannot open', () => {
  it('every hit of every account opens for that account; a secret draft is found only by its readers', async () => {
    // A secret document is drafted only on a machine kept off any network.
    await call(app, 'units.saveSecrecy', { offlineMachine: true }, qt);
    const secret = await call(app, 'drafts.save', { draft: plan('Phương án bảo vệ khu vực biên giới', 'Bố trí lực lượng tuần tra đường mòn Pác Bó.', { secrecy: 'mat' }) }, cv);
    await app.indexer.runUntilIdle();
    expect(keys(await hits('tuan tra duong mon', cv))).toEqual([`draft:${secret.id}`]);
    for (const who of [cv2, ld, vt, qt]) expect(keys(await hits('tuan tra duong mon', who))).toEqual([]);
    await call(app, 'outgoing.submit', { id: secret.id, to: ld.caller!.id }, cv);
    // Submitted: the leader it went to reads it; so does the văn thư keeping secrets (none named yet: every văn thư).
    for (const who of [ld, vt]) expect(keys(await hits('tuan tra duong mon', who))).toEqual([`draft:${secret.id}`]);
    for (const who of [cv2, qt]) expect(keys(await hits('tuan tra duong mon', who))).toEqual([]);
    // Once a secret clerk is named, another văn thư no longer finds it, nor counts it.
    const vt2 = await addUser(app, 'vt2', ['vanthu'], 'Hồ Văn Thư');
    await call(app, 'units.saveSecrecy', { secretClerks: ['vt'], offlineMachine: false }, qt);
    expect(await call(app, 'search.results', { query: 'tuan tra duong mon' }, vt2)).toMatchObject({ hits: [], total: 0 });
    expect(keys(await hits('tuan tra duong mon', vt))).toEqual([`draft:${secret.id}`]);

    const open = { incoming: 'incoming.get', outgoing: 'outgoing.get', draft: 'drafts.get' } as const;
    for (const who of [vt, vt2, ld, cv, cv2, qt]) {
      for (const q of ['ke hoach', 'da dang', 'vooc', 'bao ve', 'tuan tra', 'rung']) {
        for (const h of await hits(q, who, { limit: 100 })) {
          const r = await call(app, open[h.kind], { id: h.id }, who).then(() => 'opens', (e: Error) => e.message);
          expect({ who: who.caller!.username, q, hit: `${h.kind}:${h.id}`, r }).toMatchObject({ r: 'opens' });
        }
      }
    }
  });
});

describe('vanphong search', () => {
  it('takes the same filters, and finds a draft saved by an earlier command', async () => {
    const dir = await provisionedDataDir('vanphong-search-', async (a) => {
      const me = await loginAs(a, CLI_USER, CLI_PASSWORD);
      await call(a, 'incoming.register', sampleIncoming({ ref: '15/BC-STNMT', sender: 'Sở Tài nguyên và Môi trường', docType: 'Báo cáo', subject: 'Báo cáo đa dạng sinh học', arrivalDate: '2025-12-30', docDate: '2025-12-29' }), me);
      await call(a, 'incoming.register', sampleIncoming({ ref: '22/KH-SNN', sender: 'Sở Nông nghiệp', docType: 'Kế hoạch', subject: 'Kế hoạch bảo vệ đa dạng sinh học' }), me);
      await call(a, 'drafts.save', { draft: plan('Kế hoạch bảo tồn đa dạng sinh học', 'Khảo sát voọc mông trắng.') }, me);
    });
    const json = (args: string[]) => {
      const r = vanphong(['search', ...args, '--data-dir', dir, '--json']);
      expect(r.err).toBe('');
      return (JSON.parse(r.out) as SearchHit[]).map((h) => h.ref || h.kind);
    };
    // Three processes: each pays for a start and a password check.
    expect(json(['da dang sinh hoc', '--kind', 'den,du-thao', '--limit', '2', '--offset', '1'])).toEqual(['draft', '15/BC-STNMT']);
    expect(json(['da dang', '--kind', 'den', '--year', '2025', '--organ', 'tai nguyen', '--type', 'Báo cáo'])).toEqual(['15/BC-STNMT']);
    const text = vanphong(['search', 'vooc mong trang', '--data-dir', dir]).out;
    expect(text).toContain('Dự thảo');
    expect(text).toContain('voọc mông trắng');
    expect(text).toContain('1 kết quả');
  });
});
