-- Declared calendar constraints become editable: each change is a new
-- version (a stale save is refused, naming who changed it), like events.
-- updated_at and updated_by are those of the last change; for constraints
-- declared before, their creation.

ALTER TABLE calendar_constraints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE calendar_constraints ADD COLUMN updated_at TEXT;
ALTER TABLE calendar_constraints ADD COLUMN updated_by TEXT;
UPDATE calendar_constraints SET updated_at = created_at, updated_by = created_by;
