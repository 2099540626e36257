-- Runs, shipments, rejected rows and findings on a ClickHouse cluster (ClickHouse 18.16 and later).
--
-- Every table is a local MergeTree table on each shard ("…_local") with a Distributed table of the same columns
-- over them. The store applies this file on every shard of the cluster, replacing {cluster} and {database}
-- (checked to be plain identifiers) — no ON CLUSTER, so no ZooKeeper is needed. Statements end with ";" at the
-- end of a line.
--
-- Atomicity of a run. ClickHouse has no transactions, so a run's rows are written while the run is "loading"
-- and readers only see rows whose run_id belongs to a run whose latest status is "complete". The run becomes
-- complete by one single-row insert, after all its rows are in. A killed ingest leaves a run in "loading" whose
-- heartbeat stops; the store marks it failed once its lease has run out and deletes its rows.
--
-- Sharding. Shipments (and their raw rows and staged rows) are sharded by fingerprint, the xxhash64 of the raw
-- source record: the rows spread evenly over the shards (detector scans are full scans of a few columns, so every
-- shard does an equal share), and the rows that a duplicate check compares — the same fingerprint in the new run
-- and in the store — always sit on the same shard, so duplicates are found shard by shard with no data moving
-- between servers. Lookups by id touch every shard but use each shard's primary key (run_id, row_no).

-- A status log: each change of a run (loading, heartbeat, complete, failed) appends the whole row with a higher
-- version. A run's state is its row with the highest version (argMax); ReplacingMergeTree folds old versions
-- away in the background, which readers do not rely on.
CREATE TABLE runs_local (
    id        Int64,
    file      String,
    sha256    String,
    size      Int64,
    profile   String,
    format    String,
    encoding  String,
    header    Array(String),
    started   DateTime,
    finished  DateTime,
    status    String, -- loading, complete, failed
    error     String,
    rows_read Int64,
    accepted  Int64,
    rejected  Int64,
    reasons   String, -- JSON object: reason → count
    cleaned   UInt8,  -- a failed run whose rows have been deleted
    version   UInt64  -- nanoseconds since 1970 of the event
) ENGINE = ReplacingMergeTree(version) ORDER BY id;
CREATE TABLE runs AS runs_local ENGINE = Distributed({cluster}, {database}, runs_local, id);

-- Claims of run ids: a new run takes max(id) + 1 and wins the id when its claim is the first one for it.
CREATE TABLE run_claims_local (
    id      Int64,
    token   UInt64,
    claimed UInt64
) ENGINE = MergeTree ORDER BY id;
CREATE TABLE run_claims AS run_claims_local ENGINE = Distributed({cluster}, {database}, run_claims_local, id);

-- A run's accepted rows as they arrive, with their raw source fields. At commit, each shard moves the rows that
-- are not duplicates into shipments_local and raw_rows_local; the run's partition is then dropped.
CREATE TABLE shipments_stage_local (
    id                   Int64,
    run_id               Int64,
    row_no               Int64,
    record_id            String,
    date                 Date,
    direction            String,
    reporter             String,
    declaration_no       String,
    item_no              Int32,
    shipper_name         String,
    shipper_name_en      String,
    shipper_address      String,
    shipper_address_en   String,
    shipper_country      String,
    shipper_id           String,
    consignee_name       String,
    consignee_name_en    String,
    consignee_address    String,
    consignee_address_en String,
    consignee_country    String,
    consignee_id         String,
    origin_country       String,
    dispatch_country     String,
    destination_country  String,
    trading_country      String,
    hs_code              String,
    hs6                  String,
    description          String,
    description_en       String,
    brand                String,
    manufacturer         String,
    quantity             Nullable(Float64),
    unit                 String,
    gross_weight_kg      Nullable(Float64),
    net_weight_kg        Nullable(Float64),
    value                Nullable(Float64),
    currency             String,
    value_usd            Nullable(Float64),
    aggregated           UInt8,
    fingerprint          UInt64,
    raw                  Array(String)
) ENGINE = MergeTree PARTITION BY run_id ORDER BY (run_id, row_no);
CREATE TABLE shipments_stage AS shipments_stage_local ENGINE = Distributed({cluster}, {database}, shipments_stage_local, fingerprint);

-- One row per declaration line. Visible only when its run is complete.
CREATE TABLE shipments_local (
    id                   Int64, -- run_id << 36 | row_no: stable and unique
    run_id               Int64,
    row_no               Int64,
    record_id            String,
    date                 Date,
    direction            String,
    reporter             String,
    declaration_no       String,
    item_no              Int32,
    shipper_name         String,
    shipper_name_en      String,
    shipper_address      String,
    shipper_address_en   String,
    shipper_country      String,
    shipper_id           String,
    consignee_name       String,
    consignee_name_en    String,
    consignee_address    String,
    consignee_address_en String,
    consignee_country    String,
    consignee_id         String,
    origin_country       String,
    dispatch_country     String,
    destination_country  String,
    trading_country      String,
    hs_code              String,
    hs6                  String,
    description          String,
    description_en       String,
    brand                String,
    manufacturer         String,
    quantity             Nullable(Float64),
    unit                 String,
    gross_weight_kg      Nullable(Float64),
    net_weight_kg        Nullable(Float64),
    value                Nullable(Float64),
    currency             String,
    value_usd            Nullable(Float64),
    aggregated           UInt8,
    fingerprint          UInt64
) ENGINE = MergeTree ORDER BY (run_id, row_no);
CREATE TABLE shipments AS shipments_local ENGINE = Distributed({cluster}, {database}, shipments_local, fingerprint);

-- The source row of each shipment, on the shard of its shipment, apart from the shipments so that scans never
-- carry it: the fields in the run's header order.
CREATE TABLE raw_rows_local (
    id     Int64,
    run_id Int64,
    raw    Array(String)
) ENGINE = MergeTree ORDER BY id;
CREATE TABLE raw_rows AS raw_rows_local ENGINE = Distributed({cluster}, {database}, raw_rows_local, id);

CREATE TABLE rejected_local (
    run_id      Int64,
    file        String,
    row_no      Int64,
    column_name String,
    value       String,
    reason      String,
    detail      String,
    raw         Array(String)
) ENGINE = MergeTree ORDER BY (run_id, row_no);
CREATE TABLE rejected AS rejected_local ENGINE = Distributed({cluster}, {database}, rejected_local, row_no);

-- Findings: every ReplaceFindings writes a new generation of a detector's findings, then records the generation
-- in finding_sets (the commit point). Readers see the latest recorded generation of each detector; older ones
-- are deleted in the background.
CREATE TABLE findings_local (
    id               Int64,
    generation       UInt64,
    detector         String,
    detector_version String,
    key              String,
    score            Float64,
    severity         String,
    title            String,
    explanation      String,
    parties          String, -- JSON
    shipments        String, -- JSON array of source record ids
    shipment_ids     String, -- JSON array of store ids
    evidence         String, -- JSON
    value_usd        Float64,
    weight_kg        Float64,
    created          DateTime
) ENGINE = MergeTree ORDER BY (detector, generation, id);
CREATE TABLE findings AS findings_local ENGINE = Distributed({cluster}, {database}, findings_local, id);

CREATE TABLE finding_sets_local (
    detector   String,
    generation UInt64,
    findings   Int64,
    created    DateTime
) ENGINE = MergeTree ORDER BY (detector, generation);
CREATE TABLE finding_sets AS finding_sets_local ENGINE = Distributed({cluster}, {database}, finding_sets_local, generation);
