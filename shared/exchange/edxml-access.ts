import { CLERK, type AccessTable } from '../auth/access';

// edXML documents (issue 18): the văn thư exports an issued document and receives packages into the register; anyone
// who may read an incoming record sees how it arrived (the service checks the record's visibility).
export const edxmlAccess = {
  'exchange.exportEdxml': CLERK,
  'exchange.importEdxml': CLERK,
  'exchange.receivedFacts': 'user',
} as const satisfies AccessTable;
