-- What each detector's stored findings were computed on (issue 5, incremental detection): the complete runs
-- of the store at the time (the highest complete run id and their count) and the detector's own extra input key
-- (lists, resolved parties … for detectors that read more than shipments). A detector whose version and input
-- are unchanged since its last run is skipped. One row per detector, replaced after each of its runs.
CREATE TABLE detector_state (
    detector VARCHAR NOT NULL,
    version  VARCHAR NOT NULL,
    max_run  BIGINT NOT NULL,  -- the highest id of a complete run, 0 when none
    runs     BIGINT NOT NULL,  -- the number of complete runs
    extra    VARCHAR NOT NULL, -- the detector's own input key, '' when it reads only shipments
    findings BIGINT NOT NULL,
    ran      TIMESTAMP NOT NULL
);
