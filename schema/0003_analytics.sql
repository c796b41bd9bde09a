-- Live analytics: every committed change of data values carries a change
-- sequence number, so that each node's in-memory cube (and a node that lost
-- its connection) catches up by reading the cells changed since the last
-- number it has seen. The number is taken once per transaction from the row
-- below; on PostgreSQL that row stays locked until the commit, so numbers are
-- committed in increasing order and a reader never skips one.
ALTER TABLE data_values ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX data_values_change ON data_values (change_seq);

CREATE TABLE change_sequences (
    name TEXT PRIMARY KEY,
    last_value BIGINT NOT NULL
);
INSERT INTO change_sequences (name, last_value) VALUES ('data_values', 0);
