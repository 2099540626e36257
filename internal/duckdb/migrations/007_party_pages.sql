-- The first page of a resolved party's profile, written with the party summaries (internal/duckdb/party_summary.go)
-- and ordered by party like them: its biggest counterparties and its newest lines with what the page shows of
-- each, so that a profile reads two short ranges instead of sorting the party's counterparties and fetching its
-- newest lines from the shipments one by one (together 7 ms of a 19 ms page on a 10M-line store).

-- The counterparties of party_counterparties ranked by value (rank 1 the biggest), the first 25 of each party.
CREATE TABLE party_top_counterparties (
    party_id          BIGINT NOT NULL,
    rank              INTEGER NOT NULL,
    counterparty_id   BIGINT NOT NULL,
    counterparty_role VARCHAR NOT NULL,
    lines             BIGINT NOT NULL,
    value_usd         DOUBLE NOT NULL
);

-- A party's newest 25 distinct lines (rank 1 the newest), with the columns of a shipment list row.
CREATE TABLE party_latest (
    party_id            BIGINT NOT NULL,
    rank                INTEGER NOT NULL,
    shipment_id         BIGINT NOT NULL,
    record_id           VARCHAR NOT NULL,
    date                VARCHAR NOT NULL, -- YYYY-MM-DD
    direction           VARCHAR NOT NULL,
    reporter            VARCHAR NOT NULL,
    declaration_no      VARCHAR NOT NULL,
    shipper_name        VARCHAR NOT NULL,
    shipper_country     VARCHAR NOT NULL,
    consignee_name      VARCHAR NOT NULL,
    consignee_country   VARCHAR NOT NULL,
    origin_country      VARCHAR NOT NULL,
    dispatch_country    VARCHAR NOT NULL,
    destination_country VARCHAR NOT NULL,
    hs_code             VARCHAR NOT NULL,
    description         VARCHAR NOT NULL,
    brand               VARCHAR NOT NULL,
    quantity            DOUBLE NOT NULL,
    unit                VARCHAR NOT NULL,
    net_weight_kg       DOUBLE NOT NULL,
    value_usd           DOUBLE NOT NULL
);
