import type { Migration } from './registry';

/**
 * Issue 17, giao việc at scale (300,000 tasks): the read rule finds the tasks an account created without reading the
 * table, and each task carries its lead (kept by triggers from task_handlers, whoever writes them), so the dashboards
 * count a unit's or a person's tasks from one index — lead, status, deadline, finish — never visiting the rows.
 */
export const m017TaskIndexes: Migration = {
  version: 17,
  name: 'task read rule and dashboard indexes',
  up(db) {
    db.exec(`
      CREATE INDEX tasks_by_creator ON tasks (created_by);

      ALTER TABLE tasks ADD COLUMN lead_user_id INTEGER REFERENCES users(id);
      ALTER TABLE tasks ADD COLUMN lead_unit_id INTEGER REFERENCES units(id);
      UPDATE tasks SET
        lead_user_id = (SELECT h.user_id FROM task_handlers h WHERE h.task_id = tasks.id AND h.role = 'lead' ORDER BY h.id DESC LIMIT 1),
        lead_unit_id = (SELECT h.unit_id FROM task_handlers h WHERE h.task_id = tasks.id AND h.role = 'lead' ORDER BY h.id DESC LIMIT 1);

      CREATE TRIGGER task_lead_insert AFTER INSERT ON task_handlers WHEN NEW.role = 'lead' BEGIN
        UPDATE tasks SET lead_user_id = NEW.user_id, lead_unit_id = NEW.unit_id WHERE id = NEW.task_id;
      END;
      CREATE TRIGGER task_lead_update AFTER UPDATE OF role, user_id, unit_id ON task_handlers WHEN NEW.role = 'lead' BEGIN
        UPDATE tasks SET lead_user_id = NEW.user_id, lead_unit_id = NEW.unit_id WHERE id = NEW.task_id;
      END;
      CREATE TRIGGER task_lead_delete AFTER DELETE ON task_handlers WHEN OLD.role = 'lead' BEGIN
        UPDATE tasks SET lead_user_id = NULL, lead_unit_id = NULL WHERE id = OLD.task_id AND lead_user_id IS OLD.user_id AND lead_unit_id IS OLD.unit_id;
      END;

      CREATE INDEX tasks_lead_user_figures ON tasks (lead_user_id, status, deadline, finished_at, created_at) WHERE lead_user_id IS NOT NULL;
      CREATE INDEX tasks_lead_unit_figures ON tasks (lead_unit_id, status, deadline, finished_at, created_at) WHERE lead_unit_id IS NOT NULL;
    `);
  },
};
