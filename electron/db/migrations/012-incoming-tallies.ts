import type { Migration } from './registry';

const OPEN = `('cho-xu-ly', 'dang-xu-ly')`;

/**
 * Issue 15 (speed at 1,000,000 documents): the home dashboard counted the whole register on every call (782 ms) and a
 * deep page of the register skipped half a million rows (330 ms). Three small tallies of the incoming register are now
 * kept in the same transaction as whatever writes a document, and back-filled here once. A new document is counted by
 * the statement that inserts it (incoming/repo.ts insertIncoming, the one writer of the table; a bulk import adds its
 * counts once per batch: a trigger on INSERT made every row's insert keep a statement journal, a third slower); every
 * change of a counted column (routing, status, correction, cancel, even a hand-made UPDATE) and a delete are counted
 * by the triggers below.
 *
 * - incoming_tally_status: documents per status, urgency and độ mật (the status cards, "khẩn chưa xử lý");
 * - incoming_tally_day: documents per day of arrival, book, độ mật and status (today, this year, per month, the
 *   register's total and where its page N starts);
 * - incoming_tally_deadline: open documents with a deadline per deadline, chủ trì and độ mật (overdue on any day, and
 *   overdue per lead unit).
 *
 * Every tally keeps độ mật, so that a reader who may not see secret documents is never given their count. Two partial
 * indexes find the few secret and công khai documents without a scan.
 */
export const m012IncomingTallies: Migration = {
  version: 12,
  name: 'incoming register tallies',
  up(db) {
    db.exec(`
      CREATE TABLE incoming_tally_status (
        status TEXT NOT NULL,
        urgency TEXT NOT NULL,
        secrecy TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (status, urgency, secrecy)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE incoming_tally_day (
        arrival_date TEXT NOT NULL,
        book_id INTEGER NOT NULL,
        secrecy TEXT NOT NULL,
        status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (arrival_date, book_id, secrecy, status)
      ) STRICT, WITHOUT ROWID;

      -- lead '' is a document routed to nobody yet.
      CREATE TABLE incoming_tally_deadline (
        deadline TEXT NOT NULL,
        lead TEXT NOT NULL,
        secrecy TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (deadline, lead, secrecy)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO incoming_tally_status (status, urgency, secrecy, n)
        SELECT status, urgency, secrecy, COUNT(*) FROM incoming_docs GROUP BY status, urgency, secrecy;
      INSERT INTO incoming_tally_day (arrival_date, book_id, secrecy, status, n)
        SELECT arrival_date, book_id, secrecy, status, COUNT(*) FROM incoming_docs GROUP BY arrival_date, book_id, secrecy, status;
      INSERT INTO incoming_tally_deadline (deadline, lead, secrecy, n)
        SELECT deadline, coalesce(lead, ''), secrecy, COUNT(*) FROM incoming_docs
        WHERE deadline IS NOT NULL AND status IN ${OPEN} GROUP BY deadline, coalesce(lead, ''), secrecy;

      CREATE TRIGGER incoming_tally_delete AFTER DELETE ON incoming_docs BEGIN
        UPDATE incoming_tally_status SET n = n - 1 WHERE status = old.status AND urgency = old.urgency AND secrecy = old.secrecy;
        UPDATE incoming_tally_day SET n = n - 1
          WHERE arrival_date = old.arrival_date AND book_id = old.book_id AND secrecy = old.secrecy AND status = old.status;
        UPDATE incoming_tally_deadline SET n = n - 1
          WHERE old.deadline IS NOT NULL AND old.status IN ${OPEN} AND deadline = old.deadline AND lead = coalesce(old.lead, '') AND secrecy = old.secrecy;
      END;

      CREATE TRIGGER incoming_tally_update_status AFTER UPDATE OF status, urgency, secrecy ON incoming_docs
        WHEN old.status IS NOT new.status OR old.urgency IS NOT new.urgency OR old.secrecy IS NOT new.secrecy BEGIN
        UPDATE incoming_tally_status SET n = n - 1 WHERE status = old.status AND urgency = old.urgency AND secrecy = old.secrecy;
        INSERT INTO incoming_tally_status (status, urgency, secrecy, n) VALUES (new.status, new.urgency, new.secrecy, 1)
          ON CONFLICT (status, urgency, secrecy) DO UPDATE SET n = n + 1;
      END;

      CREATE TRIGGER incoming_tally_update_day AFTER UPDATE OF arrival_date, book_id, secrecy, status ON incoming_docs
        WHEN old.arrival_date IS NOT new.arrival_date OR old.book_id IS NOT new.book_id OR old.secrecy IS NOT new.secrecy
          OR old.status IS NOT new.status BEGIN
        UPDATE incoming_tally_day SET n = n - 1
          WHERE arrival_date = old.arrival_date AND book_id = old.book_id AND secrecy = old.secrecy AND status = old.status;
        INSERT INTO incoming_tally_day (arrival_date, book_id, secrecy, status, n) VALUES (new.arrival_date, new.book_id, new.secrecy, new.status, 1)
          ON CONFLICT (arrival_date, book_id, secrecy, status) DO UPDATE SET n = n + 1;
      END;

      CREATE TRIGGER incoming_tally_update_deadline AFTER UPDATE OF status, deadline, lead, secrecy ON incoming_docs
        WHEN old.status IS NOT new.status OR old.deadline IS NOT new.deadline OR old.lead IS NOT new.lead
          OR old.secrecy IS NOT new.secrecy BEGIN
        UPDATE incoming_tally_deadline SET n = n - 1
          WHERE old.deadline IS NOT NULL AND old.status IN ${OPEN} AND deadline = old.deadline AND lead = coalesce(old.lead, '') AND secrecy = old.secrecy;
        INSERT INTO incoming_tally_deadline (deadline, lead, secrecy, n)
          SELECT new.deadline, coalesce(new.lead, ''), new.secrecy, 1 WHERE new.deadline IS NOT NULL AND new.status IN ${OPEN}
          ON CONFLICT (deadline, lead, secrecy) DO UPDATE SET n = n + 1;
      END;

      CREATE INDEX incoming_secret ON incoming_docs (id) WHERE secrecy <> 'thuong';
      CREATE INDEX incoming_public ON incoming_docs (id) WHERE public = 1;
    `);
  },
};
