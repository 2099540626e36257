-- Sanctions and export-control lists (the DuckDB store's list_versions, list_entities and list_name_keys).
--
-- Versions. Each load of a list publication is a version with its own id. list_versions is an event log: a
-- version's first row both records it and makes it its list's current version; making an older version current
-- again (loading its bytes again) appends a copy of its row with a newer event. A list's current version is the
-- version of its row with the highest event (argMax), so the switch from one version to the next is one
-- single-row insert: readers see the old version or the new one, never a mix, and no UPDATE is needed.
--
-- Build, then swap. A load claims a version id in list_claims (max + 1, won by the earliest claim, as runs do),
-- writes the version's entities and name keys under that id, checks that the shards hold them all, and only
-- then inserts the version's row. Until that row exists no reader looks at the id: readers only read the ids
-- of recorded versions. A load that fails or is cancelled drops what it wrote (both tables are partitioned by
-- version: one DROP PARTITION per table and shard, done at once, not a background mutation); a cancel takes
-- effect between insert blocks, never inside one. A load whose process died leaves a claim without heartbeats,
-- and the next load drops its partitions once the store's lease has run out. Version ids are never reused.
--
-- Sharding. Entities and name keys are sharded by their source id: the entries of two versions of a list that
-- a diff compares sit on the same shard, so each shard joins its own share, and the candidates of a name are
-- summed per entity on the shard that holds it. The version log and the claims are tiny; they are sharded by id.

CREATE TABLE list_versions_local (
    id        Int64,
    list      String, -- e.g. ofac_sdn, eu_833, un_sc, us_dod_1260h
    file      String,
    sha256    String,
    loaded    Int64,  -- microseconds since 1970, UTC (the DuckDB store's TIMESTAMP precision)
    entities  Int64,
    names     Int64,
    keys      Int64,  -- name keys written with the version: none means screening must index every entity
    event     UInt64  -- nanoseconds since 1970 of the event: the highest of a list is its current version
) ENGINE = MergeTree ORDER BY (list, id, event);
CREATE TABLE list_versions AS list_versions_local ENGINE = Distributed({cluster}, {database}, list_versions_local, id);

-- Claims of version ids, and the heartbeats of the loads that hold them (a claim's later rows).
CREATE TABLE list_claims_local (
    id      Int64,
    token   UInt64,
    claimed UInt64
) ENGINE = MergeTree ORDER BY id;
CREATE TABLE list_claims AS list_claims_local ENGINE = Distributed({cluster}, {database}, list_claims_local, id);

CREATE TABLE list_entities_local (
    version_id Int64,
    list       String,
    source_id  String,
    schema     String,
    caption    String,
    topics     String, -- JSON array
    programs   String, -- JSON array
    entity     String  -- JSON of trade.ListEntity
) ENGINE = MergeTree PARTITION BY version_id ORDER BY (version_id, list, source_id);
CREATE TABLE list_entities AS list_entities_local ENGINE = Distributed({cluster}, {database}, list_entities_local, cityHash64(source_id));

-- Blocking keys of the names of each version's entities (internal/screen): screening one name looks its
-- candidates up here instead of preparing every name of every list.
CREATE TABLE list_name_keys_local (
    version_id Int64,
    key        String,
    source_id  String,
    seq        UInt32  -- the key's place in the load: a name's candidates add their weights in this order
) ENGINE = MergeTree PARTITION BY version_id ORDER BY (version_id, key, source_id);
CREATE TABLE list_name_keys AS list_name_keys_local ENGINE = Distributed({cluster}, {database}, list_name_keys_local, cityHash64(source_id));
