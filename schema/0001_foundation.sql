-- Boussole foundation: settings, territories and population, organisations,
-- the national framework, accounts, sessions, API tokens and the audit log.
-- Timestamps are UTC ISO 8601 text ("2026-11-23T10:52:34.123Z"); booleans are
-- 0/1 integers; search_key columns hold core::fold_for_search of the name so
-- that search and ordering behave the same on both backends.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE territories (
    key TEXT PRIMARY KEY,                 -- FR, REG-84, DEP-2A
    level TEXT NOT NULL CHECK (level IN ('nation', 'region', 'department')),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    parent_key TEXT REFERENCES territories (key),
    liaison INTEGER NOT NULL DEFAULT 0,   -- INSEE article type (TNCC): "de", "d'", "du", "de la", "des", "de l'"
    position INTEGER NOT NULL,
    search_key TEXT NOT NULL,
    UNIQUE (level, code)
);

-- Every (ancestor, descendant) pair of the territory tree, itself included:
-- "the actors present in a territory" is then one join, the same on both
-- backends. Filled with the territories.
CREATE TABLE territory_closure (
    ancestor_key TEXT NOT NULL REFERENCES territories (key),
    descendant_key TEXT NOT NULL REFERENCES territories (key),
    PRIMARY KEY (ancestor_key, descendant_key)
);
CREATE INDEX territory_closure_descendant ON territory_closure (descendant_key);

-- INSEE population by department, sex and five-year age group. Regions and the
-- nation are sums computed by the program, never stored.
CREATE TABLE population (
    territory_key TEXT NOT NULL REFERENCES territories (key),
    year INTEGER NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('ensemble', 'hommes', 'femmes')),
    age_min INTEGER NOT NULL,             -- 0, 5, … 95 (95 = 95 and over)
    population INTEGER NOT NULL CHECK (population >= 0),
    source TEXT NOT NULL,
    PRIMARY KEY (territory_key, year, sex, age_min)
);

CREATE TABLE organisations (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('reference', 'synthetic', 'user')),
    to_confirm INTEGER NOT NULL DEFAULT 0, -- reference data whose name or coverage awaits confirmation
    active INTEGER NOT NULL DEFAULT 1,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organisations_type ON organisations (type, search_key);
CREATE INDEX organisations_search ON organisations (search_key);

CREATE TABLE organisation_territories (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    PRIMARY KEY (organisation_id, territory_key)
);
CREATE INDEX organisation_territories_territory ON organisation_territories (territory_key);

-- The national framework: values, action principles, axes and priorities.
-- Every edit bumps version and keeps the previous text in the history.
CREATE TABLE framework_items (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('value', 'principle', 'axis', 'priority')),
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    parent_code TEXT,                     -- the axis of a priority
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '[]',      -- JSON array of paragraphs or bullets
    awaiting_confirmation INTEGER NOT NULL DEFAULT 0,
    confirmation_note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by BIGINT,
    UNIQUE (kind, code)
);

CREATE TABLE framework_item_history (
    id @ID@,
    item_id BIGINT NOT NULL REFERENCES framework_items (id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    awaiting_confirmation INTEGER NOT NULL,
    confirmation_note TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by BIGINT,
    change_note TEXT NOT NULL DEFAULT '',
    UNIQUE (item_id, version)
);

CREATE TABLE users (
    id @ID@,
    email TEXT NOT NULL UNIQUE,           -- lower case
    display_name TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('national_admin', 'national_analyst', 'territorial_editor',
                                       'territorial_reader', 'partner')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'synthetic')),
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_login_at TEXT
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE sessions (
    id @ID@,
    token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the cookie token, hex
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
    id @ID@,
    email TEXT NOT NULL,
    client_address TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_address ON login_attempts (client_address, attempted_at);

CREATE TABLE api_tokens (
    id @ID@,
    name TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    token_hash TEXT NOT NULL UNIQUE,
    token_prefix TEXT NOT NULL,           -- first characters, to recognise a token in lists
    permissions TEXT NOT NULL,            -- space-separated: read write
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT
);

-- Append-only: the triggers below refuse UPDATE and DELETE on both backends.
CREATE TABLE audit_log (
    id @ID@,
    at TEXT NOT NULL,
    user_id BIGINT,
    actor_label TEXT NOT NULL,            -- "prenom.nom@… (rôle)", "jeton SI MDPH 33", "système"
    action TEXT NOT NULL,                 -- create, update, delete, login, logout, ...
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

-- @sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @end
-- @postgres
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- @end
