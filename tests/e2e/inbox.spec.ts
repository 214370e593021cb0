import { expect, hostApi, login, test } from './fixtures';

/**
 * "Chờ tôi xử lý" (issue 17), as a new chuyên viên finds it: a document routed to their unit is counted on the menu,
 * listed with what to do and its deadline, and opens from there.
 */
test('a chuyên viên sees a document routed to their unit in Chờ tôi xử lý, with the count on the menu, and opens it', async ({ page, host }) => {
  const api = await hostApi(host);
  await api('users.create', { username: 'binh', fullName: 'Trần Thị Bình', roles: ['chuyenvien'], password: 'mat-khau-cua-binh' });
  await api('units.save', { name: 'Phòng Tổng hợp', members: ['binh'] });
  const doc = await api<{ id: number; arrivalNumber: number }>('incoming.register', {
    sender: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    ref: '70/KH-UBND',
    docDate: '2026-03-10',
    docType: 'Kế hoạch',
    subject: 'Kế hoạch tổ chức Hội nghị sơ kết công tác quý I',
  });
  await api('incoming.route', { id: doc.id, lead: 'Phòng Tổng hợp', deadline: '2099-12-31' });

  await page.goto(host.url);
  await login(page, 'binh', 'mat-khau-cua-binh');
  await expect(page.getByTestId('inbox-count')).toContainText('1');
  await page.getByRole('menuitem', { name: /Chờ tôi xử lý/ }).click();
  const row = page.getByTestId('waiting-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Số đến ${doc.arrivalNumber} — Kế hoạch tổ chức Hội nghị sơ kết công tác quý I`);
  await expect(row).toContainText('Chủ trì');
  await expect(row).toContainText('Đơn vị: Phòng Tổng hợp');
  await expect(row).toContainText('31/12/2099');
  await expect(page.getByRole('tab', { name: 'Văn bản đến (1)' })).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/incoming/${doc.id}$`));
  await expect(page.getByTestId('incoming-detail')).toContainText('Kế hoạch tổ chức Hội nghị sơ kết công tác quý I');
});
