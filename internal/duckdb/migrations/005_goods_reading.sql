-- What each line's text reads as (issue 4: classify once, read many times). The goods classifier runs once over
-- every line of a new ingest run (tradetrace detect does it first, internal/duckdb/goods.go); the military
-- detector then looks its readings up. Only lines whose text reads as a controlled class have rows, one per class.
CREATE TABLE goods_lines (
    id     BIGINT NOT NULL,  -- shipments.id
    run_id BIGINT NOT NULL,
    pos    INTEGER NOT NULL, -- the reading's rank among the line's classes, strongest first
    class  VARCHAR NOT NULL, -- a goods class (internal/goods)
    score  DOUBLE NOT NULL,  -- 0–1
    words  VARCHAR NOT NULL  -- the words that decided it
);

-- The runs whose lines have been read, and under which reader version: a new version reads every run again.
CREATE TABLE goods_runs (
    run_id  BIGINT NOT NULL,
    version VARCHAR NOT NULL,
    lines   BIGINT NOT NULL, -- lines read
    hits    BIGINT NOT NULL, -- lines that read as a controlled class
    read_ms BIGINT NOT NULL
);
