// Child process for the crash test: registers documents one command (one transaction) at a time and prints each
// committed number, until it is killed.
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { makePng } from '../fixtures/make-files';
import { benchSession } from '../bench/session';

const [dataDir, countArg] = process.argv.slice(2);
const app = await openApp({ dataDir, clock: () => new Date('2026-06-01T03:00:00Z') });
const png = makePng();
const session = await benchSession(app, `worker-${process.pid}`);
for (let i = 0; i < Number(countArg); i++) {
  const r = await dispatch(app, 'incoming.register', {
    sender: `Cơ quan ${i % 7}`,
    ref: `${process.pid}-${i}/CV`,
    docDate: '2026-05-30',
    subject: `Văn bản thử nghiệm số ${i}`,
    attachments: i % 10 === 0 ? [{ name: 'scan.png', data: png }] : [],
  }, session);
  if (!r.ok) {
    console.error(JSON.stringify(r.error));
    process.exit(3);
  }
  process.stdout.write(`${(r.value as { arrivalNumber: number }).arrivalNumber}\n`);
}
await app.close();
