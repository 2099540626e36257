-- A resolved party's activity, summed when the parties are resolved (internal/duckdb/party_summary.go), so that a
-- party page reads a few rows rather than every line of the party joined with the shipments. Each table is
-- written ordered by party: a party's rows are a short range that the zone maps find.

-- Every line of every resolved party, newest first within the party: the party's shipment list pages from here.
CREATE TABLE party_lines (
    party_id    BIGINT NOT NULL,
    role        VARCHAR NOT NULL, -- shipper, consignee
    date        DATE NOT NULL,
    value_usd   DOUBLE NOT NULL,  -- 0 when the line has no value
    shipment_id BIGINT NOT NULL
);

-- Lines and value by party, role and month.
CREATE TABLE party_months (
    party_id  BIGINT NOT NULL,
    role      VARCHAR NOT NULL,
    month     VARCHAR NOT NULL, -- YYYY-MM
    lines     BIGINT NOT NULL,
    value_usd DOUBLE NOT NULL
);

-- The other resolved party of each line, summed: lines and value (the party's lines' value) by counterparty.
CREATE TABLE party_counterparties (
    party_id          BIGINT NOT NULL,
    counterparty_id   BIGINT NOT NULL,
    counterparty_role VARCHAR NOT NULL,
    lines             BIGINT NOT NULL,
    value_usd         DOUBLE NOT NULL
);
