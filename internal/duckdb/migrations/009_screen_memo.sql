-- Screenings of party names kept between runs of the listed-party detector (internal/detect/listed, Memo): the
-- queries screened under one key (the list entities, the versions of the name engine and of screening, the
-- detector's threshold), each by a 128-bit hash in two halves, with the JSON of its matches ('' when none).
-- Keeping screenings under a new key drops those of the old one.
CREATE TABLE screen_memo (
    key     VARCHAR NOT NULL,
    h1      BIGINT NOT NULL,
    h2      BIGINT NOT NULL,
    matches VARCHAR NOT NULL
);
