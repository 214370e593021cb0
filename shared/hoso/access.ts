import { ADMIN, CLERK, DRAFTERS, LEADER, type AccessTable } from '../auth/access';

// Every person keeps the hồ sơ of their own work (ND30 Điều 28); the service lets the người lập, whoever created it
// and the văn thư change one, and shows one to its người lập, its unit, the văn thư and the lãnh đạo. The văn thư
// (lưu trữ cơ quan) receives hồ sơ at handover and proposes destroying one whose period has ended; a lãnh đạo — another
// account — approves. The quản trị keeps the retention table.
export const hosoAccess = {
  'hoso.list': 'user',
  'hoso.get': 'user',
  'hoso.add': DRAFTERS,
  'hoso.update': DRAFTERS,
  'hoso.addDoc': DRAFTERS,
  'hoso.removeDoc': DRAFTERS,
  'hoso.reorder': DRAFTERS,
  'hoso.close': DRAFTERS,
  'hoso.reopen': DRAFTERS,
  'hoso.contents': 'user',
  'hoso.catalogue': ['vanthu', 'lanhdao'],
  'hoso.dueForHandover': ['vanthu', 'lanhdao'],
  'hoso.handover': CLERK,
  'hoso.package': CLERK,
  'hoso.verifyPackage': 'user',
  'hoso.requestDisposal': CLERK,
  'hoso.approveDisposal': LEADER,
  'retention.list': 'user',
  'retention.add': ADMIN,
  'retention.update': ADMIN,
} as const satisfies AccessTable;
