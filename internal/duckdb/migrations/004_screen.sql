-- Blocking keys of the names of each list version (internal/screen, names.Name.Keys): screening one name looks
-- its candidates up here instead of preparing every name of every list. Written with the version it belongs to.
CREATE TABLE list_name_keys (
    version_id BIGINT NOT NULL,
    key        VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL
);
