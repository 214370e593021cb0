import { HOLIDAYS_SHIPPED } from '../../../shared/calendar/holidays-shipped';
import type { Migration } from './registry';

/**
 * Issue 17: work that reaches people (ND30 Điều 23–24). The year's public holidays and their nghỉ bù / làm bù days
 * (deadlines in working days), ủy quyền xử lý between accounts for a period, the processing trail of an incoming
 * document (trình, bút phê, phân công, tiến độ, kết quả), what waits for whom (one open row per person or unit that
 * must act, so "Chờ tôi xử lý" is an index lookup), tasks (giao việc) with their handlers, progress and files, and
 * in-app notifications. Documents routed before this migration keep their handlers; the open ones are put in the
 * inboxes of the accounts and units named on them.
 */
export const m015Work: Migration = {
  version: 15,
  name: 'routing to people, tasks, working days, delegation',
  up(db) {
    db.exec(`
      -- Days that differ from the Monday–Friday week: a holiday or nghỉ bù ('nghi'), a weekend day worked ('lam-bu').
      CREATE TABLE calendar_days (
        day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        kind TEXT NOT NULL CHECK (kind IN ('nghi', 'lam-bu')),
        name TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- Ủy quyền xử lý: the deputy acts on the delegator's inbox (and approvals) between two days, inclusive.
      CREATE TABLE delegations (
        id INTEGER PRIMARY KEY,
        from_user_id INTEGER NOT NULL REFERENCES users(id),
        to_user_id INTEGER NOT NULL REFERENCES users(id),
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        scope TEXT NOT NULL DEFAULT 'all' CHECK (scope IN ('inbox', 'all')),
        note TEXT,
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        CHECK (from_user_id <> to_user_id),
        CHECK (from_day <= to_day)
      ) STRICT;
      CREATE INDEX delegations_to ON delegations (to_user_id, to_day) WHERE revoked_at IS NULL;
      CREATE INDEX delegations_from ON delegations (from_user_id, to_day) WHERE revoked_at IS NULL;

      -- The processing trail of an incoming document (edXML TraceHeaderList). on_behalf_of: the delegator, when the
      -- actor acted under ủy quyền. 'paper': the văn thư recording a leader's instruction given on paper.
      CREATE TABLE incoming_steps (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES incoming_docs(id),
        kind TEXT NOT NULL CHECK (kind IN ('submit', 'instruct', 'assign', 'progress', 'finish', 'reopen', 'paper', 'return')),
        at TEXT NOT NULL,
        actor_id INTEGER REFERENCES users(id),
        on_behalf_of INTEGER REFERENCES users(id),
        to_user_id INTEGER REFERENCES users(id),
        to_unit_id INTEGER REFERENCES units(id),
        note TEXT,
        deadline TEXT,
        progress INTEGER CHECK (progress BETWEEN 0 AND 100),
        reply_outgoing_id INTEGER REFERENCES outgoing_docs(id)
      ) STRICT;
      CREATE INDEX incoming_steps_by_doc ON incoming_steps (doc_id, id);
      CREATE INDEX incoming_steps_by_reply ON incoming_steps (reply_outgoing_id) WHERE reply_outgoing_id IS NOT NULL;

      -- Giao việc. Status 'qua-han' is not stored: an open task past its deadline is overdue.
      CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        parent_id INTEGER REFERENCES tasks(id),
        title TEXT NOT NULL,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('typed', 'butphe', 'plan', 'meeting')),
        incoming_id INTEGER REFERENCES incoming_docs(id),
        outgoing_id INTEGER REFERENCES outgoing_docs(id),
        plan_row INTEGER,
        meeting_id INTEGER REFERENCES meetings(id),
        note TEXT,
        deadline TEXT,
        status TEXT NOT NULL DEFAULT 'dang-lam' CHECK (status IN ('dang-lam', 'cho-duyet', 'hoan-thanh', 'huy')),
        progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        cancel_reason TEXT,
        CHECK (source_kind <> 'plan' OR (outgoing_id IS NOT NULL AND plan_row IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX tasks_one_per_plan_row ON tasks (outgoing_id, plan_row) WHERE plan_row IS NOT NULL AND status <> 'huy';
      CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX tasks_by_plan ON tasks (outgoing_id) WHERE outgoing_id IS NOT NULL;
      CREATE INDEX tasks_by_incoming ON tasks (incoming_id) WHERE incoming_id IS NOT NULL;
      CREATE INDEX tasks_open_by_deadline ON tasks (deadline) WHERE status IN ('dang-lam', 'cho-duyet');

      -- The lead (one) and co-handlers of a task: an account, a unit, or an outside organisation by name.
      CREATE TABLE task_handlers (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
        user_id INTEGER REFERENCES users(id),
        unit_id INTEGER REFERENCES units(id),
        name TEXT NOT NULL,
        CHECK (user_id IS NULL OR unit_id IS NULL)
      ) STRICT;
      CREATE INDEX task_handlers_by_task ON task_handlers (task_id);
      CREATE INDEX task_handlers_by_user ON task_handlers (user_id, task_id) WHERE user_id IS NOT NULL;
      CREATE INDEX task_handlers_by_unit ON task_handlers (unit_id, role, task_id) WHERE unit_id IS NOT NULL;

      -- Progress reports, submissions of the result, approvals and returns, with files.
      CREATE TABLE task_updates (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        kind TEXT NOT NULL CHECK (kind IN ('progress', 'submit', 'approve', 'return', 'done', 'cancel', 'reopen', 'edit')),
        at TEXT NOT NULL,
        actor_id INTEGER REFERENCES users(id),
        on_behalf_of INTEGER REFERENCES users(id),
        progress INTEGER CHECK (progress BETWEEN 0 AND 100),
        note TEXT
      ) STRICT;
      CREATE INDEX task_updates_by_task ON task_updates (task_id, id);
      CREATE TABLE task_files (
        update_id INTEGER NOT NULL REFERENCES task_updates(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        name TEXT NOT NULL,
        PRIMARY KEY (update_id, sha256)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX task_files_by_blob ON task_files (sha256);

      -- What waits for whom. One open row per (record, account or unit) that must act now: an incoming document
      -- submitted for instruction, routed to a unit to pass on, to a person to handle, a task to do or to approve.
      -- Closed (never deleted) when done, passed on or superseded.
      CREATE TABLE work_items (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'task')),
        ref_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('instruct', 'assign', 'lead', 'co', 'review')),
        user_id INTEGER REFERENCES users(id),
        unit_id INTEGER REFERENCES units(id),
        since TEXT NOT NULL,
        deadline TEXT,
        closed_at TEXT,
        CHECK ((user_id IS NULL) <> (unit_id IS NULL))
      ) STRICT;
      CREATE INDEX work_open_by_user ON work_items (user_id, deadline) WHERE closed_at IS NULL AND user_id IS NOT NULL;
      CREATE INDEX work_open_by_unit ON work_items (unit_id, deadline) WHERE closed_at IS NULL AND unit_id IS NOT NULL;
      CREATE INDEX work_by_ref ON work_items (kind, ref_id);

      -- In-app notifications (and the weekly digest). dedupe: one reminder per key per account.
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        text TEXT NOT NULL,
        dedupe TEXT,
        created_at TEXT NOT NULL,
        read_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe) WHERE dedupe IS NOT NULL;
      CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;

      -- Documents routed before: the open ones wait for the accounts and units named as chủ trì or phối hợp.
      INSERT INTO work_items (kind, ref_id, action, user_id, unit_id, since, deadline)
        SELECT 'incoming', h.doc_id, h.role, h.user_id, h.unit_id, coalesce(d.routed_at, d.updated_at), d.deadline
        FROM incoming_handlers h JOIN incoming_docs d ON d.id = h.doc_id
        WHERE h.role IN ('lead', 'co') AND (h.user_id IS NOT NULL OR h.unit_id IS NOT NULL)
          AND d.status IN ('cho-xu-ly', 'dang-xu-ly')
        ORDER BY h.id;
    `);
    const add = db.prepare("INSERT OR IGNORE INTO calendar_days (day, kind, name, updated_at) VALUES (?, ?, ?, '1970-01-01T00:00:00.000Z')");
    for (const d of HOLIDAYS_SHIPPED) add.run(d.day, d.kind, d.name);
  },
};
