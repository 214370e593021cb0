import type { Migration } from './registry';

/**
 * Issue 17, "Chờ tôi xử lý" at scale (a unit with thousands of open items in a register of a million documents): the
 * open work items of an account or a unit are read from their index alone — deadline, since, kind, record and action
 * in the index, so listing, counting and sorting a person's inbox never reads the table's rows. The two indexes of
 * migration 015 are replaced under the same names (queries name them with INDEXED BY).
 *
 * Also: a person's notifications, read and unread, newest first from an index (the bell asks every minute), and a
 * unit removed is marked (units.removed_at), its row kept for the records that name it (closed work items, routings).
 */
export const m018InboxIndexes: Migration = {
  version: 18,
  name: 'covering indexes for the inbox, notifications by person, units removed',
  up(db) {
    db.exec(`
      DROP INDEX work_open_by_user;
      DROP INDEX work_open_by_unit;
      CREATE INDEX work_open_by_user ON work_items (user_id, deadline, since, kind, ref_id, action, closed_at) WHERE closed_at IS NULL AND user_id IS NOT NULL;
      CREATE INDEX work_open_by_unit ON work_items (unit_id, deadline, since, kind, ref_id, action, closed_at) WHERE closed_at IS NULL AND unit_id IS NOT NULL;
      CREATE INDEX notifications_by_user ON notifications (user_id, id);
      ALTER TABLE units ADD COLUMN removed_at TEXT;
    `);
  },
};
