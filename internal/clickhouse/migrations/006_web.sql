-- The workbench's own tables (internal/clickhouse/web*.go): what a page would otherwise compute from every line
-- of the store at each request, computed once per version of the store and kept on the cluster, where every
-- process that serves the workbench finds it (a value kept in one process's memory could not tell that another
-- process had changed the store).
--
-- Versions. The lines a reader sees are those of the complete runs, and runs only ever become complete: the
-- set of complete runs is the version of the lines. A table here keys its rows by a hash of that set ("runs");
-- a reader reads the complete runs (a small table), hashes them, and uses the rows of that hash if their set is
-- recorded. Build, then swap: the rows of a version are written on every shard first, then one row in the
-- table's "sets" table records the version; a reader that finds no record builds the version itself (two
-- processes doing so at once write the same rows twice, which the readers' queries do not mind). The builder
-- then drops the partitions of versions other than its own and the one recorded before it.
--
-- Sharding. Each shard writes its own share, read from its own lines (INSERT … SELECT on the shard's local
-- tables): nothing moves between servers to build a version.

-- The distinct brands and makers written on the lines: a search for a party by a brand (NORINCO) reads the
-- lines only when some brand or maker holds the text (tens of thousands of names, against every line).
CREATE TABLE web_brands_local (
    runs  UInt64, -- the version: a hash of the complete runs' ids
    brand String  -- a brand or maker as written, distinct within the shard
) ENGINE = MergeTree PARTITION BY runs ORDER BY brand;
CREATE TABLE web_brands AS web_brands_local ENGINE = Distributed({cluster}, {database}, web_brands_local, rand());

CREATE TABLE web_brand_sets_local (
    runs    UInt64,
    created DateTime
) ENGINE = MergeTree PARTITION BY runs ORDER BY runs;
CREATE TABLE web_brand_sets AS web_brand_sets_local ENGINE = Distributed({cluster}, {database}, web_brand_sets_local, runs);
