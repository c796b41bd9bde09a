-- Targets of the indicators: for one indicator and one territory (the nation,
-- a region or a department), a baseline (period and value), a target value
-- and a deadline (periods of the indicator's periodicity, canonical text as
-- in 0002). A target is national (set by the national administrators, for
-- any territory) or local (set by the territory's own actors); there is at
-- most one of each per indicator and territory. A deleted target stays as a
-- row with deleted = 1, so that its history and its deletion remain; setting
-- it again restores that row as a new version.

CREATE TABLE indicator_targets (
    id @ID@,
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    territory_key TEXT NOT NULL REFERENCES territories (key),
    scope TEXT NOT NULL CHECK (scope IN ('national', 'local')),
    baseline_period TEXT NOT NULL,        -- "2023", "2023-T4", "2023-12"
    baseline_value @REAL@ NOT NULL,
    target_period TEXT NOT NULL,          -- the deadline, after baseline_period
    target_value @REAL@ NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (indicator_code, territory_key, scope)
);
CREATE INDEX indicator_targets_territory ON indicator_targets (territory_key, indicator_code);

-- Every state a target has had, the first included: who, when, what.
CREATE TABLE indicator_target_history (
    id @ID@,
    target_id BIGINT NOT NULL REFERENCES indicator_targets (id),
    version INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    baseline_period TEXT NOT NULL,
    baseline_value @REAL@ NOT NULL,
    target_period TEXT NOT NULL,
    target_value @REAL@ NOT NULL,
    comment TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id BIGINT,
    token_id BIGINT,
    UNIQUE (target_id, version)
);
