import { E2E_PASSWORD, E2E_USER, expect, login, test } from './fixtures';

/**
 * A user changes their own password from the user menu (issue 13), with the mistakes a person makes on the way; and
 * the login screen tells someone guessing to wait (the throttle of issues 13 and 14).
 */
test('a user changes their own password from the user menu; the old one stops working', async ({ app: page }) => {
  const NEW = 'mat-khau-moi-2026';
  const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
  await page.getByTestId('current-user').hover();
  await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
  await expect(dialog).toBeVisible();

  await test.step('mistakes are named next to their field and change nothing', async () => {
    await page.getByTestId('password-current').fill('khong-phai');
    await page.getByTestId('new-password').fill('ngan');
    await page.getByTestId('new-confirm').fill('khac');
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(dialog).toContainText('Mật khẩu phải có ít nhất 8 ký tự.');
    await expect(dialog).toContainText('Hai lần nhập mật khẩu mới không khớp.');
    await page.getByTestId('new-password').fill(NEW);
    await page.getByTestId('new-confirm').fill(NEW);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(dialog).toContainText('Mật khẩu hiện tại không đúng.');
    await page.screenshot({ path: 'test-results/screenshots/change-password.png' });
  });

  await test.step('the right current password changes it', async () => {
    await page.getByTestId('password-current').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();
  });

  await test.step('after logging out, the old password is refused and the new one works', async () => {
    await page.getByTestId('current-user').hover();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByTestId('login-username').fill(E2E_USER);
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login')).toContainText('Sai tên đăng nhập hoặc mật khẩu.');
    await login(page, E2E_USER, NEW);
    await expect(page.getByTestId('current-user')).toBeVisible();
  });
});

test('someone guessing a password from this browser is asked to wait, in words, under the password', async ({ app: page }) => {
  await page.getByTestId('current-user').hover();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  for (let i = 1; i <= 5; i++) {
    await page.getByTestId('login-username').fill(E2E_USER);
    await page.getByTestId('login-password').fill(`doan-mo-${i}`);
    // One answer per try: the message of the try before is still on screen until this one's arrives.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth.login'));
    await page.getByTestId('login-submit').click();
    await answered;
    await expect(page.getByTestId('login')).toContainText(i < 5 ? 'Sai tên đăng nhập hoặc mật khẩu.' : 'hãy đợi 1 giây');
  }
  // (The waits themselves are tested with a fixed clock in tests/integration/login-throttle.test.ts.)
  await expect(page.getByTestId('login').locator('.ant-form-item-explain-error')).toHaveText('Sai tên đăng nhập hoặc mật khẩu. Đã sai 5 lần: hãy đợi 1 giây trước lần thử sau.');
  await page.screenshot({ path: 'test-results/screenshots/login-throttled.png' });
});
