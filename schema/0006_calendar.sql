-- The common ARS/CD calendar: the events of the organisations, with the
-- organisations that hold them and those they concern, the priorities they
-- serve, the periods organisations declare unavailable, and the warnings a
-- person chose to override (with the reason).
--
-- Times are kept as entered, local to the event's IANA zone (starts_local,
-- ends_local: "2026-03-12T09:30", or "2026-03-12" for all-day events whose
-- end is the last day); starts_at, ends_at (first occurrence) and last_ends_at
-- (end of the last occurrence, NULL for an endless rule) are the derived UTC
-- instants, ISO 8601 text as elsewhere, that let a window be selected.

CREATE TABLE calendar_events (
    id @ID@,
    uid TEXT NOT NULL UNIQUE,             -- iCalendar UID, stable for the life of the event
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('appel_a_projets', 'campagne_budgetaire', 'negociation_cpom', 'ita', 'cdca',
                                       'conference_financeurs', 'comex', 'cdaph', 'echeance_decision',
                                       'journee_nationale', 'rencontre_territoriale', 'groupe_thematique',
                                       'formation', 'autre')),
    organiser_id BIGINT NOT NULL REFERENCES organisations (id),
    territory_key TEXT NOT NULL REFERENCES territories (key),
    all_day INTEGER NOT NULL DEFAULT 0,
    starts_local TEXT NOT NULL,
    ends_local TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    rrule TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    last_ends_at TEXT,
    place TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'cancelled')),
    origin TEXT NOT NULL CHECK (origin IN ('user', 'import', 'demo')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX calendar_events_territory ON calendar_events (territory_key, starts_at);
CREATE INDEX calendar_events_organiser ON calendar_events (organiser_id, starts_at);

-- Co-organisers hold the event with its organiser; the audience must attend
-- or is concerned.
CREATE TABLE calendar_event_organisations (
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('co_organiser', 'audience')),
    PRIMARY KEY (event_id, role, organisation_id)
);
CREATE INDEX calendar_event_organisations_organisation ON calendar_event_organisations (organisation_id);

CREATE TABLE calendar_event_priorities (
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    priority_code TEXT NOT NULL,
    PRIMARY KEY (event_id, priority_code)
);

-- The days (inclusive) when an organisation cannot hold or receive some
-- kinds of events: the CD budget vote, the ARS budget campaign, summer.
-- kinds is a space-separated list of event kinds; empty means every kind.
CREATE TABLE calendar_constraints (
    id @ID@,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    first_day TEXT NOT NULL,              -- "2026-07-14"
    last_day TEXT NOT NULL,
    kinds TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (last_day >= first_day)
);
CREATE INDEX calendar_constraints_organisation ON calendar_constraints (organisation_id, first_day);

-- The warnings shown when an event was saved and the reason its author gave
-- to save it anyway, per version of the event.
CREATE TABLE calendar_overrides (
    id @ID@,
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    event_version INTEGER NOT NULL,
    warnings TEXT NOT NULL,               -- JSON array, as the API showed them
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX calendar_overrides_event ON calendar_overrides (event_id);

-- Subscription URLs for calendar clients (Outlook, Thunderbird): the secret
-- is in the URL, so only its SHA-256 is kept; a revoked subscription stops
-- answering at once.
CREATE TABLE calendar_subscriptions (
    id @ID@,
    secret_hash TEXT NOT NULL UNIQUE,
    territory_key TEXT NOT NULL REFERENCES territories (key),
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    user_id BIGINT,
    token_id BIGINT,
    revoked_at TEXT
);
