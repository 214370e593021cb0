import { CLERK, type AccessTable } from '../auth/access';

// Reading a file to prefill the registration form is part of registering incoming documents (ND30 Điều 22): the văn
// thư's. Nothing is written; a progress or cancel names the caller's own extraction only (electron/intake/jobs.ts).
export const intakeAccess = {
  'intake.extract': CLERK,
  'intake.progress': CLERK,
  'intake.cancel': CLERK,
} as const satisfies AccessTable;
