-- Consultations on a document being prepared: the owners (the writers of
-- the document) open one for a period and invite organisations (users'
-- associations, the CDCA, partners…); the invited organisations contribute
-- on the whole document or on one of its items; the owners answer each
-- contribution. subject_kind names the kind of document ('convention' for a
-- territorial convention), subject_id its row, so that other documents may
-- be consulted later without a new table. Dates are ISO days (YYYY-MM-DD);
-- a consultation is open from opens_on to closes_on included, which is
-- checked when contributions are read and written.
CREATE TABLE consultations (
    id @ID@,
    subject_kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL CHECK (closes_on >= opens_on),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX consultations_subject ON consultations (subject_kind, subject_id);

CREATE TABLE consultation_invitations (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, organisation_id)
);

-- One contribution of an invited organisation, on the whole document
-- (item_id NULL) or on one of its items (a commitment of a convention), and
-- the owners' answer: taken into account, partly, or not taken, with its
-- reason. version is the row's, for optimistic concurrency on the answer.
CREATE TABLE consultation_contributions (
    id @ID@,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    item_id BIGINT,
    body TEXT NOT NULL,
    author TEXT NOT NULL,
    author_user_id BIGINT,
    created_at TEXT NOT NULL,
    answer TEXT CHECK (answer IN ('taken', 'partly', 'not_taken')),
    answer_reason TEXT NOT NULL DEFAULT '',
    answered_at TEXT,
    answered_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultation_contributions_consultation ON consultation_contributions (consultation_id);
