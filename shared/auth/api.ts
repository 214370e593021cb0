import { empty, method, type MethodTable } from '../api/define';
import type { authAccess } from './access';
import { changePasswordInput, createUserInput, loginInput, updateUserInput, type AuthStatus, type UserInfo } from './schemas';

export const authMethods = {
  'auth.status': method<typeof empty, AuthStatus>(empty),
  'auth.setup': method<typeof createUserInput, AuthStatus>(createUserInput),
  'auth.login': method<typeof loginInput, AuthStatus>(loginInput),
  'auth.logout': method<typeof empty, AuthStatus>(empty),
  'auth.changePassword': method<typeof changePasswordInput, { changed: true }>(changePasswordInput),
  'users.list': method<typeof empty, UserInfo[]>(empty),
  'users.create': method<typeof createUserInput, UserInfo>(createUserInput),
  'users.update': method<typeof updateUserInput, UserInfo>(updateUserInput),
} satisfies MethodTable<typeof authAccess>;
