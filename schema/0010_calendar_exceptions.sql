-- Occurrences of a recurring event set apart from its rule: excluded
-- (iCalendar EXDATE: the monthly CDAPH does not meet in August) or changed
-- (an overriding instance with RECURRENCE-ID: another time, place or
-- status). recurrence is where the rule places the occurrence, local to the
-- event's zone like calendar_events.starts_local ("2026-08-13T14:00", or
-- "2026-08-13" for an all-day event); a changed occurrence's own times are
-- in the same form. Exceptions are part of the event: saving them is a new
-- version of it, in the audit log.
--
-- Plain types only (TEXT, INTEGER as a 0/1 flag like all_day), so that one
-- text serves SQLite and PostgreSQL.

CREATE TABLE calendar_event_exceptions (
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence TEXT NOT NULL,
    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    starts_local TEXT NOT NULL DEFAULT '',
    ends_local TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'confirmed', 'cancelled')),
    PRIMARY KEY (event_id, recurrence)
);
