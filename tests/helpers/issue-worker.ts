// Child process for the concurrency test: takes N outgoing numbers through the issuance transaction, then exits.
import { issueWorker } from '../bench/outgoing-bench';

const [dataDir, count] = process.argv.slice(2);
await issueWorker(dataDir, Number(count));
