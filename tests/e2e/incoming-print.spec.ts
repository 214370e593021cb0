import fs from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, hostApi, test } from './fixtures';

/**
 * Issue 17, printing from an incoming document in browser mode: the Phiếu giải quyết văn bản đến downloads as PDF and
 * as Word, and a PDF attached downloads as a copy with the ĐẾN mark, the notice saying it is a copy.
 */
const shots = 'test-results/screenshots';

test('the detail prints the Phiếu giải quyết and a copy of the PDF with the ĐẾN mark', async ({ app: page, host }) => {
  const api = await hostApi(host);
  const d = await PDFDocument.create();
  d.addPage([595.28, 841.89]).drawText('Cong van ve viec lap du toan', { x: 85, y: 700, size: 13, font: await d.embedFont(StandardFonts.TimesRoman) });
  const pdf = Buffer.from(await d.save()).toString('base64');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const doc = await api<{ id: number }>('incoming.register', {
    sender: 'Sở Tài chính tỉnh Bắc Ninh',
    ref: '88/STC-NS',
    docDate: today,
    subject: 'Về việc lập dự toán ngân sách năm 2027',
    attachments: [{ name: 'cong-van-88.pdf', data: { $bytes: pdf } }],
  });
  await api('incoming.route', { id: doc.id, lead: 'Phòng Kế toán', instruction: 'Phòng Kế toán tham mưu trả lời.', actor: 'Nguyễn Văn An' });
  // The e2e host stops a parse after 2 s (for the hostile-file specs; 20 s in use), and the first stamp loads pdf-lib
  // and the fonts into the parse worker: one stamp beforehand, so that a busy CI machine measures the click, not that.
  const [attachment] = (await api<{ attachments: { id: number }[] }>('incoming.get', { id: doc.id })).attachments;
  await api('incoming.stampedCopy', { id: doc.id, attachmentId: attachment.id }).catch(() => undefined);

  await page.evaluate((id) => (location.hash = `#/incoming/${id}`), doc.id);
  await expect(page.getByTestId('incoming-detail')).toBeVisible();
  const buttons = page.getByTestId('sheet-buttons');
  await expect(buttons).toBeVisible();
  await page.screenshot({ path: `${shots}/incoming-print.png` });

  const [sheet] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('print-sheet').click()]);
  expect(sheet.suggestedFilename()).toBe('phieu-giai-quyet-van-ban-den_1-' + today.slice(0, 4) + '.pdf');
  expect(fs.readFileSync(await sheet.path()).subarray(0, 5).toString()).toBe('%PDF-');
  const [word] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('print-sheet-docx').click()]);
  expect(word.suggestedFilename()).toMatch(/\.docx$/);

  const [copy] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('stamped-copy').click()]);
  expect(copy.suggestedFilename()).toMatch(/^cong-van-88-dau-den-1-\d{4}\.pdf$/);
  await expect(page.locator('.ant-message')).toContainText('Bản sao có dấu ĐẾN');
  const stamped = await PDFDocument.load(fs.readFileSync(await copy.path()));
  expect(stamped.getPageCount()).toBe(1);
});
