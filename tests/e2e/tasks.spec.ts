import fs from 'node:fs';
import { expect, hostApi, test } from './fixtures';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { taskPlan } from '../fixtures/task-plans';

const haveOpenssl = has('openssl', ['version']);

/** Bytes as the HTTP host's wire codec takes them in a JSON body. */
const bytes = (file: string) => ({ $bytes: fs.readFileSync(file).toString('base64') });
const iso = (d: Date) => d.toISOString().slice(0, 10);

test('an issued plan becomes tasks; one finished after its deadline shows as late on the dashboard', async ({ app: page, host }, testInfo) => {
  testInfo.skip(!haveOpenssl, 'the openssl command is not installed (it makes the keys that sign and issue the plan)');
  // The plan was issued on the first of last month; its first activity was due at the end of that month.
  const now = new Date();
  const issued = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = issued.getUTCMonth() + 1;
  const year = issued.getUTCFullYear();
  const dueEnd = iso(new Date(Date.UTC(year, month, 0)));
  let ref = '';

  await test.step('the văn thư issues a Kế hoạch whose activity table names Phòng Tổng hợp (setup through the host’s API)', async () => {
    const api = await hostApi(host);
    await api('units.save', { name: 'Phòng Tổng hợp', members: [] });
    const pki = makeTestPki();
    const key = (name: string) => ({ kind: 'p12', data: bytes(pki.p12(name)), password: '123456' });
    const plan = taskPlan({ month, year, signer: 'Người Thử Nghiệm' });
    const table = {
      kind: 'table',
      header: true,
      rows: [
        ['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời gian thực hiện'],
        ['1', 'Tuyên truyền Nghị định 30 trên cổng thông tin', 'Phòng Tổng hợp', `Tháng ${month}/${year}`],
        ['2', 'Số hóa tài liệu lưu trữ', 'Phòng Tổng hợp', `Năm ${year + 1}`],
      ],
    };
    const d = await api<{ id: number }>('drafts.save', { draft: { ...plan, body: [plan.body![0], table], appendices: [] } });
    const me = (await api<{ id: number; username: string }[]>('users.list', {})).find((u) => u.username === 'tester')!;
    await api('outgoing.submit', { id: d.id, to: me.id });
    await api('outgoing.approve', { id: d.id });
    await api('outgoing.sign', { id: d.id, key: key('Người Thử Nghiệm') });
    ref = (await api<{ ref: string }>('outgoing.issue', { id: d.id, key: key('Sở Nội vụ'), date: iso(issued) })).ref;
  });

  await test.step('Giao việc từ kế hoạch: the two rows are proposed with their lead and deadline; one click gives them', async () => {
    await page.getByRole('menuitem', { name: /Giao việc/ }).click();
    await page.getByTestId('tab-from-plan').click();
    await page.getByTestId('plan-pick').click();
    await page.keyboard.type(ref);
    await page.keyboard.press('Enter');
    const rows = page.getByTestId('plan-rows').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('Văn bản ghi: Tháng');
    await expect(page.getByTestId('plan-lead-1')).toContainText('Phòng Tổng hợp');
    await page.getByTestId('plan-create').click();
    await expect(rows.first()).toContainText('Việc #1');
  });

  await test.step('the first task, past its deadline, is red; the giver marks it done: late', async () => {
    await page.getByRole('tab', { name: 'Công việc' }).click();
    const first = page.getByTestId('task-table').locator('tr', { hasText: 'Tuyên truyền Nghị định 30' });
    await expect(first).toContainText('Quá hạn');
    await first.click();
    await expect(page.getByTestId('task-detail')).toContainText(`Quá hạn: hạn hoàn thành ${dueEnd.slice(8, 10)}/${dueEnd.slice(5, 7)}/${dueEnd.slice(0, 4)}.`);
    await page.getByTestId('task-approve').click();
    await page.getByTestId('task-step-note').fill('Đã đăng 5 tin bài.');
    await page.getByTestId('task-step-ok').click();
    await expect(page.getByTestId('task-status')).toHaveText('Hoàn thành trễ hạn');
    await page.locator('.ant-drawer-close').click();
  });

  await test.step('Tổng quan: Phòng Tổng hợp has one task done late and one open; the plan’s burn chart is drawn', async () => {
    await page.getByTestId('tab-dashboard').click();
    const unit = page.getByTestId('dash-units-row').filter({ has: page.locator('text=Phòng Tổng hợp') });
    await expect(unit).toHaveAttribute('data-late', '1');
    await expect(unit).toHaveAttribute('data-open', '1');
    await expect(unit).toHaveAttribute('data-ontime', '0');
    await page.getByTestId('burn-plan').click();
    await page.keyboard.type(ref);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('burn-chart')).toBeVisible();
  });
});
