-- The words of party names' keys kept between runs of the route detectors (internal/detect/route/decl,
-- KeyMemo): each name once under the version of the keying (decl.KeyVersion), with the words of its key ('' when
-- it has none). Keeping keys under a new version drops those of the old one.
CREATE TABLE name_key_memo (
    version VARCHAR NOT NULL,
    name    VARCHAR NOT NULL,
    words   VARCHAR NOT NULL
);
