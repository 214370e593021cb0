import { expect, hostApi, test } from './fixtures';
import { statePlan } from '../fixtures/sample-drafts';

const shots = 'test-results/screenshots';

/**
 * Issue 15 item 7: Enter (or the magnifier) in the header's search opens the results page, #/search?q=…, over the
 * incoming register, the outgoing register and the drafts, with the matched words in <mark>, filters, paging, and each
 * result opening its record.
 */
test('Enter opens the results page: marked words, the kind filter, and a result opens its record', async ({ app: page, host }) => {
  const api = await hostApi(host);
  const reg = (ref: string, sender: string, subject: string, docType: string) => api('incoming.register', { sender, ref, docDate: '2026-03-02', docType, subject });
  await reg('15/BC-STNMT', 'Sở Tài nguyên và Môi trường', 'Báo cáo hiện trạng đa dạng sinh học trên địa bàn tỉnh năm 2025', 'Báo cáo');
  await reg('22/KH-SNN', 'Sở Nông nghiệp và Phát triển nông thôn', 'Kế hoạch bảo vệ đa dạng sinh học vùng đồi núi phía Bắc', 'Kế hoạch');
  await reg('31/TB-STNMT', 'Sở Tài nguyên và Môi trường', 'Thông báo kết quả kiểm kê đa dạng sinh học khu bảo tồn', 'Thông báo');
  await reg('40/CV-UBND', 'Ủy ban nhân dân huyện Gia Viễn', 'Về việc tổ chức lễ hội truyền thống', 'Công văn');
  const draft = await api<{ id: number }>('drafts.save', {
    draft: {
      ...statePlan(1),
      number: null,
      date: null,
      subject: 'Kế hoạch bảo tồn đa dạng sinh học giai đoạn 2026–2030',
      body: [{ kind: 'paragraph', text: 'Khảo sát quần thể voọc mông trắng tại đất ngập nước Vân Long, tỉnh Ninh Bình, và đề xuất vùng bảo vệ nghiêm ngặt.' }],
    },
  });

  // Typed without diacritics in the header, then Enter: the results page, not the first hit of the list.
  const search = page.getByTestId('global-search').locator('input');
  await search.click();
  await search.fill('da dang sinh hoc');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=da\+dang\+sinh\+hoc$/);
  const results = page.getByTestId('search-result');
  await expect(results).toHaveCount(4);
  await expect(page.getByTestId('search-count')).toContainText('Tìm thấy 4 kết quả');
  await expect(page.getByTestId('search-hit').first()).toBeHidden(); // the list closed
  // The words are marked where they are, with their diacritics, diacritics-insensitively matched.
  const first = results.filter({ hasText: '22/KH-SNN' });
  await expect(first.locator('mark')).toHaveText(['đa dạng sinh học']);
  await expect(results.locator('[data-testid="search-result-subject"] mark').first()).toHaveCSS('background-color', 'rgb(255, 229, 143)');
  await page.screenshot({ path: `${shots}/search-results.png` });
  // At 1280×720 too: the query box and every filter stay whole on screen, side by side or wrapped, none on another.
  await page.setViewportSize({ width: 1280, height: 720 });
  const boxes = [];
  for (const id of ['search-page-input', 'search-kind', 'search-year', 'search-organ', 'search-type']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.x + b.width, id).toBeLessThanOrEqual(1280);
    boxes.push({ id, ...b });
  }
  for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.id} overlaps ${b.id}`).toBe(true);
  await page.screenshot({ path: `${shots}/search-results-1280.png` });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Filters: the kind, then the type; both kept in the address.
  await page.getByTestId('search-kind').getByText('Văn bản đến').click();
  await expect(page).toHaveURL(/kind=incoming/);
  await expect(results).toHaveCount(3);
  for (const k of await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))) expect(k).toBe('incoming');
  await page.getByTestId('search-type').click();
  await page.keyboard.type('Thông báo');
  await page.keyboard.press('Enter');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('31/TB-STNMT');
  await page.getByTestId('search-clear-filters').click();
  await expect(results).toHaveCount(4);

  // The magnifier: a word only in the draft's text, marked in its excerpt; the draft opens in the editor.
  await search.fill('vooc mong trang');
  await page.getByRole('button', { name: 'Mở trang kết quả tìm kiếm' }).click();
  await expect(page).toHaveURL(/#\/search\?q=vooc\+mong\+trang$/);
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAttribute('data-kind', 'draft');
  await expect(results.first().getByTestId('search-result-snippet').locator('mark')).toHaveText(['voọc mông trắng']);
  await expect(page.getByTestId('search-hit').first()).toBeHidden();
  await page.screenshot({ path: `${shots}/search-results-draft.png` });
  await results.first().getByTestId('search-result-subject').click();
  await expect(page).toHaveURL(new RegExp(`#/drafting/${draft.id}$`));

  // Back to the results, and an incoming document opens in the register.
  await page.goBack();
  await page.getByTestId('search-page-input').locator('input').fill('le hoi truyen thong');
  await page.getByTestId('search-page-input').locator('input').press('Enter');
  await expect(results).toHaveCount(1);
  await results.first().click();
  await expect(page.getByTestId('incoming-detail')).toContainText('40/CV-UBND');
});
