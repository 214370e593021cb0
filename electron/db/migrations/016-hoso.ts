import { foldVietnamese } from '../../../shared/text/fold';
import { OFFICE_SOURCE, RETENTION_GROUPS, RETENTION_TT10, TT10_SOURCE } from '../../../shared/hoso/retention-tt10';
import type { Migration } from './registry';

/**
 * Issue 17: hồ sơ công việc (ND30 Điều 28–31, Phụ lục V) and the table of thời hạn bảo quản (Thông tư 10/2022/TT-BNV).
 *
 * - retention_periods: the circular's rows (source 'TT10/2022', seeded here) and the office's own ('Cơ quan bổ sung').
 *   `years` NULL is Vĩnh viễn. `min_years` / `min_permanent`: the circular's period for that kind, below which no row
 *   may be set (a circular row's own; an office row's that of the circular row it refines, `base_id`).
 * - hoso: the danh mục hồ sơ per year — số và ký hiệu (unique per year, folded), tiêu đề, thời hạn bảo quản (a copy of the
 *   period, so a later change of the table does not move a hồ sơ's end), người lập and unit, chế độ sử dụng; open
 *   ('mo'), closed ('dong': StartDate, EndDate, DocTotal, PageTotal stamped), handed over ('nop-luu': the package's
 *   SHA-256) or destroyed ('huy', after its period, by two accounts: the row and the audit trail stay).
 * - hoso_docs: the documents of a hồ sơ in order (DocOrdinal); a document is in at most one hồ sơ (ND30).
 *
 * Nothing is deleted: a hồ sơ never, its documents' rows only while it is open, and a document that is in a hồ sơ
 * cannot be deleted from its register (the triggers hold for every code path, a hand-made DELETE included).
 */
export const m016Hoso: Migration = {
  version: 16,
  name: 'hồ sơ công việc and retention periods',
  up(db) {
    db.exec(`
      CREATE TABLE retention_periods (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        group_no INTEGER NOT NULL CHECK (group_no > 0),
        group_name TEXT NOT NULL,
        title TEXT NOT NULL,
        title_folded TEXT NOT NULL,
        years INTEGER CHECK (years IS NULL OR years BETWEEN 1 AND 200),
        source TEXT NOT NULL CHECK (source IN ('${TT10_SOURCE}', '${OFFICE_SOURCE}')),
        base_id INTEGER REFERENCES retention_periods(id),
        min_years INTEGER CHECK (min_years IS NULL OR min_years > 0),
        min_permanent INTEGER NOT NULL DEFAULT 0 CHECK (min_permanent IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Never shorter than the circular's period for the kind (Vĩnh viễn stays Vĩnh viễn).
        CHECK (min_permanent = 0 OR years IS NULL),
        CHECK (min_years IS NULL OR years IS NULL OR years >= min_years),
        CHECK (source = '${OFFICE_SOURCE}' OR base_id IS NULL)
      ) STRICT;

      CREATE TABLE hoso (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        code TEXT NOT NULL,
        code_folded TEXT NOT NULL,
        title TEXT NOT NULL,
        retention_id INTEGER REFERENCES retention_periods(id),
        retention_years INTEGER CHECK (retention_years IS NULL OR retention_years > 0),
        owner_id INTEGER NOT NULL REFERENCES users(id),
        unit_id INTEGER REFERENCES units(id),
        rights TEXT NOT NULL DEFAULT 'cong-khai' CHECK (rights IN ('cong-khai', 'han-che', 'mat')),
        language TEXT NOT NULL DEFAULT 'Tiếng Việt',
        description TEXT,
        status TEXT NOT NULL DEFAULT 'mo' CHECK (status IN ('mo', 'dong', 'nop-luu', 'huy')),
        start_date TEXT,
        end_date TEXT,
        doc_total INTEGER,
        page_total INTEGER,
        closed_at TEXT,
        closed_by INTEGER REFERENCES users(id),
        handed_over_at TEXT,
        handed_over_by INTEGER REFERENCES users(id),
        package_sha256 TEXT,
        disposal_requested_at TEXT,
        disposal_requested_by INTEGER REFERENCES users(id),
        disposal_reason TEXT,
        destroyed_at TEXT,
        destroyed_by INTEGER REFERENCES users(id),
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, code_folded),
        CHECK (status = 'mo' OR (closed_at IS NOT NULL AND retention_id IS NOT NULL)),
        CHECK (status NOT IN ('nop-luu') OR package_sha256 IS NOT NULL),
        CHECK (status <> 'huy' OR (destroyed_by IS NOT NULL AND disposal_requested_by IS NOT NULL AND destroyed_by <> disposal_requested_by))
      ) STRICT;
      CREATE INDEX hoso_by_owner ON hoso (owner_id, year);
      CREATE INDEX hoso_by_unit ON hoso (unit_id, year) WHERE unit_id IS NOT NULL;
      CREATE INDEX hoso_by_status ON hoso (status, closed_at);
      CREATE INDEX hoso_by_package ON hoso (package_sha256) WHERE package_sha256 IS NOT NULL;

      CREATE TABLE hoso_docs (
        id INTEGER PRIMARY KEY,
        hoso_id INTEGER NOT NULL REFERENCES hoso(id),
        kind TEXT NOT NULL CHECK (kind IN ('incoming', 'outgoing', 'draft')),
        ref_id INTEGER NOT NULL,
        pos INTEGER NOT NULL CHECK (pos > 0),
        added_by INTEGER NOT NULL REFERENCES users(id),
        added_at TEXT NOT NULL,
        UNIQUE (kind, ref_id)
      ) STRICT;
      CREATE INDEX hoso_docs_by_hoso ON hoso_docs (hoso_id, pos);

      CREATE TRIGGER hoso_no_delete BEFORE DELETE ON hoso BEGIN
        SELECT RAISE(ABORT, 'a hồ sơ is never deleted');
      END;
      CREATE TRIGGER hoso_docs_keep BEFORE DELETE ON hoso_docs
        WHEN (SELECT status FROM hoso WHERE id = old.hoso_id) <> 'mo' BEGIN
        SELECT RAISE(ABORT, 'the documents of a closed hồ sơ are kept');
      END;
      CREATE TRIGGER hoso_keeps_incoming BEFORE DELETE ON incoming_docs
        WHEN EXISTS (SELECT 1 FROM hoso_docs WHERE kind = 'incoming' AND ref_id = old.id) BEGIN
        SELECT RAISE(ABORT, 'the document is in a hồ sơ');
      END;
      CREATE TRIGGER hoso_keeps_outgoing BEFORE DELETE ON outgoing_docs
        WHEN EXISTS (SELECT 1 FROM hoso_docs WHERE kind = 'outgoing' AND ref_id = old.id) BEGIN
        SELECT RAISE(ABORT, 'the document is in a hồ sơ');
      END;
      CREATE TRIGGER hoso_keeps_draft BEFORE DELETE ON drafts
        WHEN EXISTS (SELECT 1 FROM hoso_docs WHERE kind = 'draft' AND ref_id = old.id) BEGIN
        SELECT RAISE(ABORT, 'the document is in a hồ sơ');
      END;
    `);
    const add = db.prepare(
      `INSERT INTO retention_periods (code, group_no, group_name, title, title_folded, years, source, min_years, min_permanent, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '${TT10_SOURCE}', ?, ?, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z')`,
    );
    for (const r of RETENTION_TT10) add.run(r.code, r.group, RETENTION_GROUPS[r.group], r.title, foldVietnamese(r.title), r.years, r.years, r.years === null ? 1 : 0);
  },
};
