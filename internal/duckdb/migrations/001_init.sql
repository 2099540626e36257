-- Runs, shipments, rejected rows and findings. Column types and statements are kept to what ClickHouse can also
-- express (see internal/clickhouse): no sequences, no foreign keys, JSON kept as text.
CREATE TABLE runs (
    id          BIGINT PRIMARY KEY,
    file        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    profile     VARCHAR NOT NULL,
    format      VARCHAR NOT NULL,
    encoding    VARCHAR NOT NULL,
    header      VARCHAR NOT NULL, -- JSON array of the source column names
    started     TIMESTAMP NOT NULL,
    finished    TIMESTAMP,
    status      VARCHAR NOT NULL, -- loading, complete, failed
    error       VARCHAR NOT NULL DEFAULT '',
    rows_read   BIGINT NOT NULL DEFAULT 0,
    accepted    BIGINT NOT NULL DEFAULT 0,
    rejected    BIGINT NOT NULL DEFAULT 0,
    reasons     VARCHAR NOT NULL DEFAULT '{}' -- JSON object: reason → count
);

-- One row per declaration line of a complete run. Rows arrive in one transaction per run, so a reader never
-- sees part of a run.
CREATE TABLE shipments (
    id                   BIGINT NOT NULL, -- run_id << 36 | row_no: stable and unique
    run_id               BIGINT NOT NULL,
    row_no               BIGINT NOT NULL,
    record_id            VARCHAR NOT NULL,
    date                 DATE NOT NULL,
    direction            VARCHAR NOT NULL,
    reporter             VARCHAR NOT NULL,
    declaration_no       VARCHAR NOT NULL,
    item_no              INTEGER NOT NULL,
    shipper_name         VARCHAR NOT NULL,
    shipper_name_en      VARCHAR NOT NULL,
    shipper_address      VARCHAR NOT NULL,
    shipper_address_en   VARCHAR NOT NULL,
    shipper_country      VARCHAR NOT NULL,
    shipper_id           VARCHAR NOT NULL,
    consignee_name       VARCHAR NOT NULL,
    consignee_name_en    VARCHAR NOT NULL,
    consignee_address    VARCHAR NOT NULL,
    consignee_address_en VARCHAR NOT NULL,
    consignee_country    VARCHAR NOT NULL,
    consignee_id         VARCHAR NOT NULL,
    origin_country       VARCHAR NOT NULL,
    dispatch_country     VARCHAR NOT NULL,
    destination_country  VARCHAR NOT NULL,
    trading_country      VARCHAR NOT NULL,
    hs_code              VARCHAR NOT NULL,
    hs6                  VARCHAR NOT NULL,
    description          VARCHAR NOT NULL,
    description_en       VARCHAR NOT NULL,
    brand                VARCHAR NOT NULL,
    manufacturer         VARCHAR NOT NULL,
    quantity             DOUBLE,
    unit                 VARCHAR NOT NULL,
    gross_weight_kg      DOUBLE,
    net_weight_kg        DOUBLE,
    value                DOUBLE,
    currency             VARCHAR NOT NULL,
    value_usd            DOUBLE,
    aggregated           BOOLEAN NOT NULL,
    fingerprint          UBIGINT NOT NULL
);

-- The source row of each shipment, apart from the shipments so that scans never carry it: the fields in the
-- run's header order, joined by 0x1F with backslash escapes (internal/duckdb/raw.go).
CREATE TABLE raw_rows (
    id  BIGINT NOT NULL,
    raw VARCHAR NOT NULL
);

CREATE TABLE rejected (
    run_id      BIGINT NOT NULL,
    file        VARCHAR NOT NULL,
    row_no      BIGINT NOT NULL,
    column_name VARCHAR NOT NULL,
    value       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL,
    raw         VARCHAR NOT NULL -- as raw_rows.raw
);

-- Findings of the latest run of each detector; a re-run replaces its detector's rows in one transaction.
CREATE TABLE findings (
    id               BIGINT NOT NULL,
    detector         VARCHAR NOT NULL,
    detector_version VARCHAR NOT NULL,
    key              VARCHAR NOT NULL, -- stable across re-runs
    score            DOUBLE NOT NULL,
    severity         VARCHAR NOT NULL,
    title            VARCHAR NOT NULL,
    explanation      VARCHAR NOT NULL,
    parties          VARCHAR NOT NULL, -- JSON
    shipments        VARCHAR NOT NULL, -- JSON array of source record ids
    shipment_ids     VARCHAR NOT NULL, -- JSON array of store ids
    evidence         VARCHAR NOT NULL, -- JSON
    value_usd        DOUBLE NOT NULL,
    weight_kg        DOUBLE NOT NULL,
    created          TIMESTAMP NOT NULL
);
