-- Lists, resolved parties, cases and triage (issues 3 and 5). Portable as 001: no sequences, no foreign keys,
-- JSON kept as text.

-- Each load of a list publication is a version: its entities are written, then it becomes current in one
-- transaction (build, then swap). Older versions stay for diffs.
CREATE TABLE list_versions (
    id        BIGINT NOT NULL,
    list      VARCHAR NOT NULL, -- e.g. ofac_sdn, eu_fsf, uk_hmt, un_sc, us_csl, dod_1260h, bis_mieu, prc_mofcom, ftm
    file      VARCHAR NOT NULL,
    sha256    VARCHAR NOT NULL,
    loaded    TIMESTAMP NOT NULL,
    entities  BIGINT NOT NULL,
    names     BIGINT NOT NULL,
    is_current BOOLEAN NOT NULL
);

CREATE TABLE list_entities (
    version_id BIGINT NOT NULL,
    list       VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL,
    schema     VARCHAR NOT NULL,
    caption    VARCHAR NOT NULL,
    topics     VARCHAR NOT NULL, -- JSON array
    programs   VARCHAR NOT NULL, -- JSON array
    entity     VARCHAR NOT NULL  -- JSON of trade.ListEntity
);

-- Parties resolved from the shipments' shipper and consignee fields: one row per cluster of name variants and
-- identifiers that are one company (internal/party). Rebuilt as a whole after each ingest.
CREATE TABLE parties (
    id          BIGINT NOT NULL,  -- stable across rebuilds where the cluster keeps its lowest variant key
    name        VARCHAR NOT NULL, -- the most frequent variant, as written
    name_en     VARCHAR NOT NULL,
    country     VARCHAR NOT NULL,
    identifiers VARCHAR NOT NULL, -- JSON array of identifiers (INN, BIN, USCC …)
    variants    VARCHAR NOT NULL, -- JSON array of {name, name_en, country, id, lines}
    addresses   VARCHAR NOT NULL, -- JSON array
    roles       VARCHAR NOT NULL, -- JSON object role → lines
    lines       BIGINT NOT NULL,
    value_usd   DOUBLE NOT NULL,
    weight_kg   DOUBLE NOT NULL,
    first_seen  DATE,
    last_seen   DATE,
    search      VARCHAR NOT NULL, -- normalised name keys of every variant, space-separated, for search
    risk        DOUBLE NOT NULL,  -- 0..1: the best list match and findings; set by screening and cases
    matches     VARCHAR NOT NULL  -- JSON array of list matches with their explanation (screening)
);

-- Which party stands in which role on which shipment.
CREATE TABLE shipment_parties (
    shipment_id BIGINT NOT NULL,
    role        VARCHAR NOT NULL, -- shipper, consignee
    party_id    BIGINT NOT NULL
);

-- Findings about one party or one route grouped into a case (internal/cases). Rebuilt after each detector run;
-- the key is stable so triage survives.
CREATE TABLE cases (
    id        BIGINT NOT NULL,
    key       VARCHAR NOT NULL, -- e.g. party:123 or route:CN-AE-RU:drones
    kind      VARCHAR NOT NULL, -- party, route
    title     VARCHAR NOT NULL,
    score     DOUBLE NOT NULL,
    reasons   VARCHAR NOT NULL, -- JSON array of {detector, finding_key, score, text}, best first
    findings  VARCHAR NOT NULL, -- JSON array of finding keys
    party_ids VARCHAR NOT NULL, -- JSON array
    value_usd DOUBLE NOT NULL,
    first_date DATE,
    last_date  DATE,
    created   TIMESTAMP NOT NULL
);

-- Triage decisions, append-only: the latest row for a target is its state. Targets are "finding:KEY" or
-- "case:KEY", so decisions survive re-running the detectors.
CREATE TABLE triage (
    target  VARCHAR NOT NULL,
    status  VARCHAR NOT NULL, -- new, confirmed, dismissed
    note    VARCHAR NOT NULL,
    who     VARCHAR NOT NULL,
    decided TIMESTAMP NOT NULL
);
