import { z } from 'zod';
import { id, optionalText, requiredText } from '../api/fields';
import { ROLES, type Caller, type Role } from './roles';

const username = z
  .string({ error: 'Thiếu tên đăng nhập.' })
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(2, { error: 'Tên đăng nhập phải có ít nhất 2 ký tự.' })
      .max(50, { error: 'Tên đăng nhập dài quá 50 ký tự.' })
      .regex(/^[\p{L}\p{N}._-]+$/u, { error: 'Tên đăng nhập chỉ gồm chữ, số và các dấu . _ - (không có dấu cách).' }),
  );

/** A new password: long enough to resist guessing on a shared office computer. */
export const newPassword = z
  .string({ error: 'Thiếu mật khẩu.' })
  .min(8, { error: 'Mật khẩu phải có ít nhất 8 ký tự.' })
  .max(200, { error: 'Mật khẩu dài quá 200 ký tự.' });

const roles = z
  .array(z.enum(ROLES, { error: 'Vai trò phải là vanthu, chuyenvien, lanhdao hoặc quantri.' }))
  .min(1, { error: 'Chọn ít nhất một vai trò.' })
  .max(4)
  .transform((r) => [...new Set(r)] as Role[]);

export const loginInput = z.object({ username, password: z.string({ error: 'Thiếu mật khẩu.' }).min(1, { error: 'Thiếu mật khẩu.' }).max(200) });

export const createUserInput = z.object({
  username,
  fullName: requiredText('họ tên', 100),
  title: optionalText('chức vụ', 200),
  unit: optionalText('đơn vị', 100),
  roles,
  password: newPassword,
});

export const updateUserInput = z.object({
  id: id('mã tài khoản'),
  fullName: requiredText('họ tên', 100).optional(),
  title: optionalText('chức vụ', 200),
  unit: optionalText('đơn vị', 100),
  roles: roles.optional(),
  active: z.boolean().optional(),
  password: newPassword.optional(),
});

export const changePasswordInput = z.object({ current: z.string().min(1, { error: 'Nhập mật khẩu hiện tại.' }).max(200), password: newPassword });

/** An account as the accounts screen shows it: the caller's fields, and its state. */
export interface UserInfo extends Caller {
  active: boolean;
  createdAt: string;
}

export interface AuthStatus {
  /** No account yet: the first one created becomes the administrator. */
  needsSetup: boolean;
  user: Caller | null;
}
