-- Cases, triage decisions and the detectors' incremental state (the DuckDB store's cases and triage tables of
-- its migration 002, and detector_state of its migration 003), on every shard with a Distributed table over them.
--
-- Cases are rebuilt as a whole from the findings. ReplaceCases writes the new set as a new generation of
-- cases_local rows (sharded by cityHash64(key), so each shard holds an even share), then makes it current by
-- one single-row insert into case_sets: readers take the highest generation recorded there, so they see the
-- old cases or the new, never a mix. A generation that never reached case_sets (a process killed while writing
-- it) is invisible. Older generations are deleted in the background, all but the one current just before, so
-- that a reader that started on it finishes reading it.
--
-- Triage is an append-only log keyed by target ("case:KEY", "finding:KEY"): keys of cases and findings outlive
-- case rebuilds and detector re-runs, so decisions do too. A target's state is its latest decision: the row with
-- the highest (decided, version). decided is in microseconds (DateTime has whole seconds here); a decision is
-- stamped after the last one on its target, as in DuckDB, and version (nanoseconds, increasing within a process)
-- orders two decisions stamped alike by two processes at once. Sharded by cityHash64(target): a target's
-- decisions sit together.
--
-- Detector state is a versioned log: each run of a detector appends a row, and its state is the row with the
-- highest version (argMax); ReplacingMergeTree folds old rows away in the background, which readers do not rely on.

CREATE TABLE cases_local (
    generation UInt64,
    id         Int64,
    key        String, -- e.g. party:id:RU:7700000001 or route:CN-AE-RU:drones
    kind       String, -- party, route
    title      String,
    score      Float64,
    reasons    String, -- JSON array of {detector, finding_key, score, text}, best first
    findings   String, -- JSON array of finding keys
    party_ids  String, -- JSON array
    value_usd  Float64,
    first_date Nullable(Date),
    last_date  Nullable(Date),
    created    Int64   -- microseconds since 1970, UTC
) ENGINE = MergeTree ORDER BY (generation, key);
CREATE TABLE cases AS cases_local ENGINE = Distributed({cluster}, {database}, cases_local, cityHash64(key));

CREATE TABLE case_sets_local (
    generation UInt64,
    cases      Int64,
    created    DateTime
) ENGINE = MergeTree ORDER BY generation;
CREATE TABLE case_sets AS case_sets_local ENGINE = Distributed({cluster}, {database}, case_sets_local, generation);

CREATE TABLE triage_local (
    target  String, -- case:KEY or finding:KEY
    status  String, -- new, confirmed, dismissed
    note    String,
    who     String,
    decided Int64,  -- microseconds since 1970, UTC
    version UInt64  -- nanoseconds since 1970 when written
) ENGINE = MergeTree ORDER BY (target, decided, version);
CREATE TABLE triage AS triage_local ENGINE = Distributed({cluster}, {database}, triage_local, cityHash64(target));

CREATE TABLE detector_state_local (
    detector         String,
    detector_version String,
    max_run          Int64,  -- the highest id of a complete run, 0 when none
    runs             Int64,  -- the number of complete runs
    extra            String, -- the detector's own input key, '' when it reads only shipments
    findings         Int64,
    ran              DateTime,
    version          UInt64  -- nanoseconds since 1970 of the event
) ENGINE = ReplacingMergeTree(version) ORDER BY detector;
CREATE TABLE detector_state AS detector_state_local ENGINE = Distributed({cluster}, {database}, detector_state_local, cityHash64(detector));
