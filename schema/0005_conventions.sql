-- The single territorial convention (convention territoriale unique): the
-- national template of a convention period (socle commun), the conventions
-- of the departments with their parties, commitments and signatures, and a
-- snapshot of the text each time a version enters into force (the initial
-- text, then each amendment) so that any two versions can be compared.
-- Periods are years ("2026"–"2029"); deadlines and baselines are periods of
-- the indicator's periodicity in canonical text, as in 0002.

-- One row per published version of the template of a period; a version is
-- never changed once published (a new one is published instead), so that the
-- conventions copied from it keep what they were copied from.
CREATE TABLE convention_templates (
    id @ID@,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL CHECK (period_end >= period_start),
    version INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    UNIQUE (period_start, period_end, version)
);

-- The national objectives of a template version, by priority, with the
-- shared indicator and its national target when there is one.
CREATE TABLE convention_template_items (
    id @ID@,
    template_id BIGINT NOT NULL REFERENCES convention_templates (id),
    position INTEGER NOT NULL,
    priority_code TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    indicator_code TEXT REFERENCES indicators (code),
    target_value @REAL@,
    target_period TEXT,
    UNIQUE (template_id, position)
);

CREATE TABLE conventions (
    id @ID@,
    title TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    template_id BIGINT NOT NULL REFERENCES convention_templates (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'consultation', 'ready_to_sign', 'signed', 'in_force', 'closed')),
    amendment INTEGER NOT NULL DEFAULT 0,  -- 0: the initial text; n: the n-th amendment
    version INTEGER NOT NULL DEFAULT 1,    -- of the row, for optimistic concurrency
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- The departments a convention covers. The period is repeated here so that
-- the database itself refuses a second convention for a department and
-- period, even from two requests at once.
CREATE TABLE convention_territories (
    convention_id BIGINT NOT NULL REFERENCES conventions (id),
    territory_key TEXT NOT NULL REFERENCES territories (key),
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    PRIMARY KEY (convention_id, territory_key),
    UNIQUE (territory_key, period_start, period_end)
);

-- The signatories: the ARS, the departmental collectivity or collectivities,
-- the MDPH/MDA, the CNSA, and the partners of the annexes.
CREATE TABLE convention_parties (
    convention_id BIGINT NOT NULL REFERENCES conventions (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('cnsa', 'ars', 'departement', 'mdph', 'partner')),
    position INTEGER NOT NULL,
    signed_at TEXT,
    signed_by TEXT,
    signed_user_id BIGINT,
    PRIMARY KEY (convention_id, organisation_id)
);

-- A deleted commitment stays as a row (deleted = 1) so that its deletion
-- remains in the versions and the audit log. contributors is a JSON array of
-- organisation ids.
CREATE TABLE convention_commitments (
    id @ID@,
    convention_id BIGINT NOT NULL REFERENCES conventions (id),
    section TEXT NOT NULL CHECK (section IN ('socle', 'local', 'partner')),
    partner_id BIGINT REFERENCES organisations (id),
    template_item_id BIGINT REFERENCES convention_template_items (id),
    priority_code TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    lead_id BIGINT NOT NULL REFERENCES organisations (id),
    contributors TEXT NOT NULL DEFAULT '[]',
    indicator_code TEXT REFERENCES indicators (code),
    baseline_period TEXT,
    baseline_value @REAL@,
    target_value @REAL@,
    deadline TEXT,
    national_target @REAL@,
    final_assessment TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX convention_commitments_convention ON convention_commitments (convention_id, deleted);

-- The text of a convention as it entered into force: number 0 for the
-- initial text, n for the n-th amendment. snapshot is JSON (conventions/
-- versions.hpp).
CREATE TABLE convention_versions (
    id @ID@,
    convention_id BIGINT NOT NULL REFERENCES conventions (id),
    number INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    UNIQUE (convention_id, number)
);
