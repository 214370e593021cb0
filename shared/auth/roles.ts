/** The four roles of an office (ND30 Điều 10–17 give each its own acts); an account may hold several. */
export const ROLES = ['vanthu', 'chuyenvien', 'lanhdao', 'quantri'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  vanthu: 'Văn thư',
  chuyenvien: 'Chuyên viên',
  lanhdao: 'Lãnh đạo',
  quantri: 'Quản trị',
};

/** Who is calling: set by the host after login, checked by the dispatcher on every call. */
export interface Caller {
  id: number;
  username: string;
  fullName: string;
  title: string;
  unit: string;
  roles: Role[];
}

export const hasRole = (c: Pick<Caller, 'roles'> | null | undefined, ...roles: Role[]): boolean =>
  !!c && roles.some((r) => c.roles.includes(r));

export function rolesText(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ');
}
