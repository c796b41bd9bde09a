-- Territorial steering: the common roadmap (feuille de route commune) of the
-- ARS and the department, and the instance territoriale de l'autonomie (ITA)
-- that steers it. Both belong to a territory: a department, or the first
-- department of a convention that covers several (Alsace, Corse).
--
-- Dates are ISO days ("2026-09-30"). The small lists an action carries
-- (partners, commitments, indicators, milestones) are JSON text: they are
-- always read and written with their action, and kept whole in its versions.

CREATE TABLE roadmap_actions (
    id @ID@,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    priority_code TEXT NOT NULL,
    lead_id BIGINT NOT NULL REFERENCES organisations (id),
    partners TEXT NOT NULL DEFAULT '[]',      -- organisation slugs
    commitments TEXT NOT NULL DEFAULT '[]',   -- convention_commitments ids
    indicators TEXT NOT NULL DEFAULT '[]',    -- catalogue indicator codes
    milestones TEXT NOT NULL DEFAULT '[]',    -- [{"title", "date", "done"}]
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'paused', 'abandoned')),
    abandon_reason TEXT NOT NULL DEFAULT '',
    starts_on TEXT,
    due_on TEXT,
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    planned_budget @REAL@,
    spent_budget @REAL@,
    co_built INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'demo')),
    deleted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX roadmap_actions_territory ON roadmap_actions (territory_key, deleted);

-- Every version of an action as it was saved, the deletion included, so that
-- the history shows what changed and who changed it.
CREATE TABLE roadmap_action_versions (
    action_id BIGINT NOT NULL REFERENCES roadmap_actions (id),
    version INTEGER NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('create', 'update', 'delete', 'note')),
    snapshot TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (action_id, version)
);

-- The dated log of an action's progress.
CREATE TABLE roadmap_notes (
    id @ID@,
    action_id BIGINT NOT NULL REFERENCES roadmap_actions (id),
    written_on TEXT NOT NULL,
    body TEXT NOT NULL,
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX roadmap_notes_action ON roadmap_notes (action_id, written_on);

-- The members of an ITA: an organisation, a person, or a person for an
-- organisation.
CREATE TABLE ita_members (
    id @ID@,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    organisation_id BIGINT REFERENCES organisations (id),
    person TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('copresidence_ars', 'copresidence_cd', 'mdph', 'partenaire', 'cdca',
                                       'conference_financeurs')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (organisation_id IS NOT NULL OR person <> '')
);
CREATE INDEX ita_members_territory ON ita_members (territory_key);

CREATE TABLE ita_meetings (
    id @ID@,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    held_on TEXT NOT NULL,
    agenda TEXT NOT NULL,
    attendees TEXT NOT NULL DEFAULT '[]',     -- names, as the minutes list them
    minutes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX ita_meetings_territory ON ita_meetings (territory_key, held_on);

-- A decision of the ITA, linked to roadmap actions or to a convention
-- amendment (its number).
CREATE TABLE ita_decisions (
    id @ID@,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    meeting_id BIGINT REFERENCES ita_meetings (id),
    decided_on TEXT NOT NULL,
    body TEXT NOT NULL,
    actions TEXT NOT NULL DEFAULT '[]',       -- roadmap_actions ids
    convention_id BIGINT REFERENCES conventions (id),
    amendment INTEGER,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX ita_decisions_territory ON ita_decisions (territory_key, decided_on);
