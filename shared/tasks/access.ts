import type { AccessTable } from '../auth/access';

// Every account works on tasks; the service decides by the record: lãnh đạo and văn thư give tasks to anyone, a
// unit's head to the unit's members, anyone to themselves and sub-tasks of their own tasks; the creator (or their
// deputy under ủy quyền) approves. An issued plan becomes tasks, and its report a draft, by the lãnh đạo or văn thư.
const LEADER_OR_CLERK = ['lanhdao', 'vanthu'] as const;

export const tasksAccess = {
  'tasks.add': 'user',
  'tasks.list': 'user',
  'tasks.get': 'user',
  'tasks.update': 'user',
  'tasks.progress': 'user',
  'tasks.submitResult': 'user',
  'tasks.approve': 'user',
  'tasks.returnResult': 'user',
  'tasks.done': 'user',
  'tasks.cancel': 'user',
  'tasks.file': 'user',
  'tasks.fromPlanPreview': LEADER_OR_CLERK,
  'tasks.fromPlan': LEADER_OR_CLERK,
  'tasks.dashboard': 'user',
  'tasks.planBurn': 'user',
  'tasks.exportXlsx': 'user',
  'tasks.report': LEADER_OR_CLERK,
} as const satisfies AccessTable;
