import type { AccessTable } from '../auth/access';

// Bringing in an old register writes the incoming register (ND30 Điều 22: the văn thư's) in bulk; the quản trị sets the
// office up, old registers included.
const IMPORTERS = ['vanthu', 'quantri'] as const;

export const importsAccess = {
  'imports.preview': IMPORTERS,
  'imports.run': IMPORTERS,
  'imports.status': IMPORTERS,
  'imports.list': IMPORTERS,
  'imports.rows': IMPORTERS,
} as const satisfies AccessTable;
