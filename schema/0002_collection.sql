-- The indicator catalogue and the collection of data values: sources, data
-- elements (what territories upload), indicators (computed from data
-- elements, never entered), data values with their full history, imports,
-- approval events. Codes are stable identifiers ("mdph_decisions"); periods
-- are canonical text: "2025-07" (month), "2025-T3" (quarter), "2025" (year).

CREATE TABLE sources (
    id @ID@,
    code TEXT NOT NULL UNIQUE,            -- "si_mdph"
    name TEXT NOT NULL,                   -- "SI MDPH"
    description TEXT NOT NULL DEFAULT '',
    producer TEXT NOT NULL DEFAULT '',    -- "CNSA", "DREES", "INSEE"…
    url TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE data_elements (
    id @ID@,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL,                   -- "décisions", "jours", "places", "personnes", "euros"
    value_type TEXT NOT NULL CHECK (value_type IN ('integer', 'decimal')),
    period_type TEXT NOT NULL CHECK (period_type IN ('month', 'quarter', 'year')),
    -- How values combine: across territories (department -> region -> nation)
    -- and across time (months -> quarter -> year). No implicit rule: what is
    -- 'none' is refused by the analytics.
    territory_aggregation TEXT NOT NULL CHECK (territory_aggregation IN ('sum', 'average', 'weighted_average', 'min', 'max', 'none')),
    weight_element_code TEXT,             -- for weighted_average
    time_aggregation TEXT NOT NULL CHECK (time_aggregation IN ('sum', 'last', 'average', 'none')),
    source_code TEXT NOT NULL REFERENCES sources (code),
    -- Validation rules of the values.
    minimum @REAL@,
    maximum @REAL@,
    not_above_code TEXT,                  -- a value may not exceed the same cell of that element
    -- Days after the end of a period by which its value is due.
    due_days INTEGER NOT NULL DEFAULT 60,
    -- Collected from the territories (uploaded) or computed by Boussole from
    -- reference data (INSEE populations).
    collected INTEGER NOT NULL DEFAULT 1,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE indicators (
    id @ID@,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    -- numerator / denominator × factor, over data elements and constants; an
    -- equity indicator names instead the indicator whose dispersion it measures.
    kind TEXT NOT NULL CHECK (kind IN ('ratio', 'equity')),
    numerator TEXT NOT NULL DEFAULT '',
    denominator TEXT NOT NULL DEFAULT '',
    factor @REAL@ NOT NULL DEFAULT 1,
    base_indicator_code TEXT,
    statistic TEXT,                       -- equity: 'cv' (σ/μ × 100), 'stddev', 'max_min_ratio'
    unit TEXT NOT NULL,
    decimals INTEGER NOT NULL DEFAULT 1,
    direction TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neutral')),
    periodicity TEXT NOT NULL CHECK (periodicity IN ('month', 'quarter', 'year')),
    source_code TEXT NOT NULL REFERENCES sources (code),
    definition_status TEXT NOT NULL CHECK (definition_status IN ('published', 'to_confirm')),
    reference_note TEXT NOT NULL DEFAULT '',  -- published national orders of magnitude
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE indicator_priorities (
    indicator_code TEXT NOT NULL REFERENCES indicators (code) ON DELETE CASCADE,
    priority_code TEXT NOT NULL,          -- framework_items code of kind priority: P1…P11
    PRIMARY KEY (indicator_code, priority_code)
);

-- Every version of every catalogue entry, as a JSON snapshot.
CREATE TABLE catalogue_history (
    id @ID@,
    entity_type TEXT NOT NULL CHECK (entity_type IN ('source', 'data_element', 'indicator')),
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    change_note TEXT NOT NULL DEFAULT '',
    -- Who wrote this version: the reference files of data/catalogue or an
    -- administrator. A re-import updates an entry only while its latest
    -- version came from the files, so that it never overwrites an edit.
    origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('reference', 'user')),
    UNIQUE (entity_type, code, version)
);

CREATE TABLE imports (
    id @ID@,
    file_name TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('all_or_nothing', 'valid_lines')),
    status TEXT NOT NULL CHECK (status IN ('applied', 'refused', 'undone')),
    dialect TEXT NOT NULL DEFAULT '',     -- "séparateur ; , virgule décimale, UTF-8 avec BOM"
    lines_total INTEGER NOT NULL DEFAULT 0,
    values_written INTEGER NOT NULL DEFAULT 0,
    values_unchanged INTEGER NOT NULL DEFAULT 0,
    lines_rejected INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '[]',    -- JSON array of line errors
    organisation_id BIGINT REFERENCES organisations (id),
    user_id BIGINT REFERENCES users (id),
    token_id BIGINT REFERENCES api_tokens (id),
    actor_label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX imports_sha ON imports (content_sha256);

-- The current value of each cell (element, territory, period). A deleted
-- value stays as a row with deleted = 1, so that its history and the fact of
-- its deletion remain.
CREATE TABLE data_values (
    id @ID@,
    element_code TEXT NOT NULL REFERENCES data_elements (code),
    territory_key TEXT NOT NULL REFERENCES territories (key),
    period TEXT NOT NULL,
    period_type TEXT NOT NULL CHECK (period_type IN ('month', 'quarter', 'year')),
    value @REAL@,
    comment TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'validated')),
    origin TEXT NOT NULL CHECK (origin IN ('user', 'api', 'import', 'reference', 'synthetic')),
    import_id BIGINT REFERENCES imports (id),
    deleted INTEGER NOT NULL DEFAULT 0,
    outlier INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (element_code, territory_key, period)
);
CREATE INDEX data_values_territory_period ON data_values (territory_key, period);
CREATE INDEX data_values_import ON data_values (import_id);
-- The approval queue groups the values of one status; completeness summaries
-- read every element of one period.
CREATE INDEX data_values_status ON data_values (status, territory_key, period);
CREATE INDEX data_values_period ON data_values (period, element_code);

-- Every state a cell has had, the first included: who, when, through what.
CREATE TABLE data_value_history (
    id @ID@,
    data_value_id BIGINT NOT NULL REFERENCES data_values (id),
    version INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'submit', 'validate', 'reopen', 'undo')),
    value @REAL@,
    comment TEXT NOT NULL,
    status TEXT NOT NULL,
    origin TEXT NOT NULL,
    import_id BIGINT REFERENCES imports (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id BIGINT,
    token_id BIGINT,
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (data_value_id, version)
);
CREATE INDEX data_value_history_import ON data_value_history (import_id);

-- Submissions, validations and reopenings of a territory's values for a period.
CREATE TABLE approval_events (
    id @ID@,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    period TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('submit', 'validate', 'reopen')),
    values_affected INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    actor_label TEXT NOT NULL,
    user_id BIGINT,
    token_id BIGINT,                      -- an information system may submit its values
    at TEXT NOT NULL
);
CREATE INDEX approval_events_territory ON approval_events (territory_key, period);
