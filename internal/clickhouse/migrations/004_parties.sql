-- Resolved parties (internal/party), the party of each shipment in each role, screening's matches, and the
-- party summaries the workbench's party pages read: the tables of the DuckDB store's migrations 002 (parties,
-- shipment_parties), 006 and 007 (party_lines, party_months, party_counterparties, party_top_counterparties,
-- party_latest), on a ClickHouse cluster.
--
-- Generations. A resolution is rebuilt as a whole (ReplaceParties). Every table but party_sets carries the
-- generation it was written for and is partitioned by it. A rebuild writes all its rows under a new generation
-- (a version number: nanoseconds since 1970), then inserts one row into party_sets: that single insert is the
-- commit. Readers take max(generation) of party_sets and read only that generation, so they see the old
-- resolution or the new one, never a mix; a rebuild that dies half-way leaves a generation nobody reads. The
-- generation before the current one is kept (a reader that has just read its number finishes on it); older
-- partitions, committed or abandoned, are dropped by the next rebuild.
--
-- Sharding. parties and party_matches are sharded by intHash64(id): a party's row and its screening matches sit
-- on one shard, so readers join them shard by shard with no data moving. shipment_parties and party_lines are
-- written by each shard from its own shipments (INSERT … SELECT on the shard's local tables, joined with the
-- variant → party map that party_map_local holds whole on every shard): each link sits on the shard of its
-- shipment, and building them moves no shipment between servers. The sums that span shards (party_months,
-- party_counterparties, and the ranked first pages party_top_counterparties and party_latest) are computed by
-- Distributed queries and written through Distributed tables sharded by intHash64(party_id).
--
-- Screening matches are versioned rows, not updates: SetPartyMatches appends (generation, id, matches, risk,
-- version) to party_matches; a party's matches are its row with the highest version (argMax), or the parties
-- row's own empty ones when screening has not written any for this generation.

-- The commit log of resolutions: one row per generation, with what readers would otherwise count.
CREATE TABLE party_sets_local (
    generation UInt64,
    parties    Int64,
    max_id     Int64,
    links      Int64,
    created    DateTime
) ENGINE = MergeTree ORDER BY generation;
CREATE TABLE party_sets AS party_sets_local ENGINE = Distributed({cluster}, {database}, party_sets_local, generation);

-- One row per resolved party, as the DuckDB store's parties table (JSON kept as text).
CREATE TABLE parties_local (
    generation  UInt64,
    id          Int64,
    name        String,
    name_en     String,
    country     String,
    identifiers String, -- JSON array
    variants    String, -- JSON array of {name, name_en, country, id, lines}
    addresses   String, -- JSON array
    roles       String, -- JSON object role → lines
    lines       Int64,
    value_usd   Float64,
    weight_kg   Float64,
    first_seen  Nullable(Date),
    last_seen   Nullable(Date),
    search      String,
    risk        Float64, -- 0 as written: screening's risk lives in party_matches
    matches     String   -- [] as written
) ENGINE = MergeTree PARTITION BY generation ORDER BY id;
CREATE TABLE parties AS parties_local ENGINE = Distributed({cluster}, {database}, parties_local, intHash64(id));

-- Screening's matches and risk of a party of a generation; the highest version wins.
CREATE TABLE party_matches_local (
    generation UInt64,
    id         Int64,
    matches    String, -- JSON array
    risk       Float64,
    version    UInt64
) ENGINE = ReplacingMergeTree(version) PARTITION BY generation ORDER BY id;
CREATE TABLE party_matches AS party_matches_local ENGINE = Distributed({cluster}, {database}, party_matches_local, intHash64(id));

-- The variant → party map of a generation, written whole to every shard while the links are built; no
-- Distributed table: each shard reads its own copy.
CREATE TABLE party_map_local (
    generation UInt64,
    name       String,
    name_en    String,
    country    String,
    pid        String,
    party_id   Int64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (name, name_en, country, pid);

-- Which party stands in which role on which shipment, on the shard of the shipment. Rows are written to the
-- local tables only; the Distributed table's sharding key is never used.
CREATE TABLE shipment_parties_local (
    generation  UInt64,
    shipment_id Int64,
    role        String, -- shipper, consignee
    party_id    Int64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (shipment_id, role);
CREATE TABLE shipment_parties AS shipment_parties_local ENGINE = Distributed({cluster}, {database}, shipment_parties_local, shipment_id);

-- Every line of every resolved party, on the shard of its shipment, ordered by party: a party's lines are a
-- primary-key range on every shard.
CREATE TABLE party_lines_local (
    generation  UInt64,
    party_id    Int64,
    role        String,
    date        Date,
    value_usd   Float64, -- 0 when the line has no value
    shipment_id Int64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, date, shipment_id);
CREATE TABLE party_lines AS party_lines_local ENGINE = Distributed({cluster}, {database}, party_lines_local, shipment_id);

-- Lines and value by party, role and month, summed over every shard.
CREATE TABLE party_months_local (
    generation UInt64,
    party_id   Int64,
    role       String,
    month      String, -- YYYY-MM
    lines      Int64,
    value_usd  Float64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, month, role);
CREATE TABLE party_months AS party_months_local ENGINE = Distributed({cluster}, {database}, party_months_local, intHash64(party_id));

-- The other resolved party of each line, summed over every shard.
CREATE TABLE party_counterparties_local (
    generation        UInt64,
    party_id          Int64,
    counterparty_id   Int64,
    counterparty_role String,
    lines             Int64,
    value_usd         Float64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, counterparty_id, counterparty_role);
CREATE TABLE party_counterparties AS party_counterparties_local ENGINE = Distributed({cluster}, {database}, party_counterparties_local, intHash64(party_id));

-- The first 25 counterparties of each party by value (rank 1 the biggest).
CREATE TABLE party_top_counterparties_local (
    generation        UInt64,
    party_id          Int64,
    rank              Int32,
    counterparty_id   Int64,
    counterparty_role String,
    lines             Int64,
    value_usd         Float64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, rank);
CREATE TABLE party_top_counterparties AS party_top_counterparties_local ENGINE = Distributed({cluster}, {database}, party_top_counterparties_local, intHash64(party_id));

-- Each shard's newest 25 distinct lines of each party with the columns of a shipment list row: the candidates
-- of party_latest, written shard by shard and dropped once party_latest is built.
CREATE TABLE party_latest_stage_local (
    generation          UInt64,
    party_id            Int64,
    date                Date,
    shipment_id         Int64,
    record_id           String,
    direction           String,
    reporter            String,
    declaration_no      String,
    shipper_name        String,
    shipper_country     String,
    consignee_name      String,
    consignee_country   String,
    origin_country      String,
    dispatch_country    String,
    destination_country String,
    hs_code             String,
    description         String,
    brand               String,
    quantity            Float64,
    unit                String,
    net_weight_kg       Float64,
    value_usd           Float64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, date, shipment_id);
CREATE TABLE party_latest_stage AS party_latest_stage_local ENGINE = Distributed({cluster}, {database}, party_latest_stage_local, intHash64(party_id));

-- A party's newest 25 distinct lines over every shard (rank 1 the newest), with the columns of a shipment list row.
CREATE TABLE party_latest_local (
    generation          UInt64,
    party_id            Int64,
    rank                Int32,
    shipment_id         Int64,
    record_id           String,
    date                String, -- YYYY-MM-DD
    direction           String,
    reporter            String,
    declaration_no      String,
    shipper_name        String,
    shipper_country     String,
    consignee_name      String,
    consignee_country   String,
    origin_country      String,
    dispatch_country    String,
    destination_country String,
    hs_code             String,
    description         String,
    brand               String,
    quantity            Float64,
    unit                String,
    net_weight_kg       Float64,
    value_usd           Float64
) ENGINE = MergeTree PARTITION BY generation ORDER BY (party_id, rank);
CREATE TABLE party_latest AS party_latest_local ENGINE = Distributed({cluster}, {database}, party_latest_local, intHash64(party_id));
