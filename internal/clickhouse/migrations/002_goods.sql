-- What each line's text reads as: the goods classifier runs once over every line of a new complete run
-- (ReadGoods, internal/clickhouse/goods.go) and the military detector looks the readings up (TextClasses). Only
-- lines whose text reads as a controlled class have rows, one per class.
--
-- Sharding. A line's readings are written straight into goods_lines_local on the shard that holds the line
-- (ReadGoods reads each shard's shipments_local and writes back to the same shard), so a reader joins readings
-- with shipments shard by shard, with no data moving between servers. The Distributed table's key (id) is only
-- there for completeness: the store never inserts through it.
--
-- One step. Each reading of a run is a generation (a nanosecond stamp) written to every shard first; the run
-- counts as read once one row in goods_runs records that generation. Readers keep only the newest recorded
-- generation of each run, so an interrupted reading leaves lines nobody reads (deleted later in the
-- background), and a reading is seen whole or not at all.
--
-- Versions. goods_versions logs which reader version is current: reading under another version appends a row
-- (an epoch), and only goods_runs rows of the current version and epoch count, so a new version reads every run
-- again and the old readings stop counting at once, as in the DuckDB store (migration 005).
CREATE TABLE goods_lines_local (
    id         Int64,   -- shipments.id
    run_id     Int64,
    generation UInt64,  -- the reading that wrote the row (goods_runs.generation)
    pos        Int32,   -- the reading's rank among the line's classes, strongest first
    class      String,  -- a goods class (internal/goods)
    score      Float64, -- 0–1
    words      String   -- the words that decided it
) ENGINE = MergeTree ORDER BY (generation, id, pos);
CREATE TABLE goods_lines AS goods_lines_local ENGINE = Distributed({cluster}, {database}, goods_lines_local, id);

-- The runs whose lines have been read: the commit point of each reading.
CREATE TABLE goods_runs_local (
    run_id     Int64,
    version    String,  -- the reader version
    epoch      UInt64,  -- goods_versions.epoch of the version when the run was read
    generation UInt64,  -- the rows of goods_lines this reading wrote
    lines      Int64,   -- lines read
    hits       Int64,   -- lines that read as a controlled class
    read_ms    Int64,
    created    DateTime
) ENGINE = MergeTree ORDER BY (version, epoch, run_id);
CREATE TABLE goods_runs AS goods_runs_local ENGINE = Distributed({cluster}, {database}, goods_runs_local, run_id);

-- The current reader version is the one of the row with the highest epoch.
CREATE TABLE goods_versions_local (
    version String,
    epoch   UInt64
) ENGINE = MergeTree ORDER BY epoch;
CREATE TABLE goods_versions AS goods_versions_local ENGINE = Distributed({cluster}, {database}, goods_versions_local, epoch);
