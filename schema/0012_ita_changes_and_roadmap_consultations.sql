-- The members and decisions of an ITA are changed and removed like its
-- meetings: a version against stale saves, who changed them last, and a
-- removal kept as a recorded change (deleted, with its version) rather than
-- a lost row. A member may be dated: from when, until when it sits.
ALTER TABLE ita_members ADD COLUMN starts_on TEXT;
ALTER TABLE ita_members ADD COLUMN ends_on TEXT;
ALTER TABLE ita_members ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ita_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ita_members ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE ita_members ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

ALTER TABLE ita_decisions ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ita_decisions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ita_decisions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE ita_decisions ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

-- Every version of a decision as it was saved, its deletion included, for
-- the history shown beside it.
CREATE TABLE ita_decision_versions (
    decision_id BIGINT NOT NULL REFERENCES ita_decisions (id),
    version INTEGER NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('create', 'update', 'delete')),
    snapshot TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
);

-- A consultation may be about a territory's common roadmap: its subject is
-- then ('roadmap', 0) and subject_key names the territory ("DEP-33"), as a
-- roadmap has no row of its own.
ALTER TABLE consultations ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
CREATE INDEX consultations_subject_key ON consultations (subject_kind, subject_key);
