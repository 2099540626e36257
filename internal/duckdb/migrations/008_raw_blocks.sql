-- Where each block of a run's source records lies in the run's file beside the store (PATH.raw/RUN.blocks, see
-- internal/duckdb/raw.go). Ingest packs and compresses the records of each batch of up to 1,024 rows that it
-- normalises together. Kept in DuckDB, one row each, the records had cost more than the shipments themselves:
-- two fifths of an ingest's time; as blocks in DuckDB, its large values were as slow to store. A block holds
-- the rows first_row..last_row of its run that passed normalisation; a record is looked up by its shipment's
-- id. Runs ingested before this migration keep their records in raw_rows.
CREATE TABLE raw_blocks (
    run_id    BIGINT NOT NULL,
    first_row BIGINT NOT NULL,
    last_row  BIGINT NOT NULL,
    "offset"  BIGINT NOT NULL, -- in the run's file
    length    BIGINT NOT NULL
);
