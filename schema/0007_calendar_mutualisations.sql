-- Mutualisations of the common calendar: an ARS event and a CD event of the
-- same kind, or serving the same priority, in the same territory and close
-- in time, may become one co-organised event. Accepting keeps both originals,
-- marked replaced by the joint event; dismissing is recorded so that the
-- suggestion does not come back. The window is a national setting
-- (settings key "calendar.mutualisation_window_days").

ALTER TABLE calendar_events ADD COLUMN replaced_by BIGINT REFERENCES calendar_events (id);

CREATE TABLE calendar_mutualisations (
    id @ID@,
    ars_event_id BIGINT NOT NULL REFERENCES calendar_events (id),
    cd_event_id BIGINT NOT NULL REFERENCES calendar_events (id),
    territory_key TEXT NOT NULL REFERENCES territories (key),
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'dismissed')),
    kind TEXT NOT NULL,                   -- the kind of the joint event (or of the earlier one, dismissed)
    joint_event_id BIGINT REFERENCES calendar_events (id),
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (ars_event_id, cd_event_id)
);
CREATE INDEX calendar_mutualisations_outcome ON calendar_mutualisations (outcome, kind);

-- A subscription follows a territory's common calendar or, when
-- organisation_id is set, what one organisation holds or attends.
ALTER TABLE calendar_subscriptions ADD COLUMN organisation_id BIGINT REFERENCES organisations (id);
