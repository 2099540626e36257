package clickhouse

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/trade"
)

// runState is the latest event of each run: argMax over the status log.
const runState = `SELECT id, argMax(file, version) AS r_file, argMax(sha256, version) AS r_sha256, argMax(size, version) AS r_size,
argMax(profile, version) AS r_profile, argMax(format, version) AS r_format, argMax(encoding, version) AS r_encoding,
argMax(started, version) AS r_started, argMax(finished, version) AS r_finished, argMax(status, version) AS r_status,
argMax(error, version) AS r_error, argMax(rows_read, version) AS r_rows_read, argMax(accepted, version) AS r_accepted,
argMax(rejected, version) AS r_rejected, argMax(reasons, version) AS r_reasons, argMax(cleaned, version) AS r_cleaned,
max(version) AS r_version FROM runs GROUP BY id`

type runRow struct {
	run     trade.Run
	cleaned bool
	version uint64
}

func scanRun(sc interface{ Scan(...any) error }) (runRow, error) {
	var rr runRow
	r := &rr.run
	var id, size, read, acc, rej int64
	var status, reasons string
	var cleaned uint8
	if err := sc.Scan(&id, &r.File, &r.SHA256, &size, &r.Profile, &r.Format, &r.Encoding, &r.Started, &r.Finished,
		&status, &r.Error, &read, &acc, &rej, &reasons, &cleaned, &rr.version); err != nil {
		return rr, err
	}
	r.ID, r.Size, r.Read, r.Accepted, r.Rejected = trade.RunID(id), size, read, acc, rej
	r.Started, r.Finished = r.Started.UTC(), r.Finished.UTC()
	if r.Finished.Unix() == 0 {
		r.Finished = time.Time{}
	}
	r.Status = trade.RunStatus(status)
	rr.cleaned = cleaned != 0
	if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
		return rr, fmt.Errorf("run %d: reasons: %w", r.ID, err)
	}
	return rr, nil
}

func (d *DB) queryRuns(ctx context.Context, where string, args ...any) ([]runRow, error) {
	rows, err := d.conn.Query(ctx, `SELECT * FROM (`+runState+`)`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []runRow
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// completeRuns returns the ids of the complete runs: the only runs whose rows readers see.
func (d *DB) completeRuns(ctx context.Context) ([]int64, error) {
	rows, err := d.conn.Query(ctx, `SELECT id FROM runs GROUP BY id HAVING argMax(status, version) = 'complete' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("complete runs: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("complete runs: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// visible returns a condition that keeps the rows of complete runs, with its arguments. With no complete run
// it keeps nothing.
func visible(runs []int64) (string, []any) {
	if len(runs) == 0 {
		return "run_id IN (-1)", nil
	}
	args := make([]any, len(runs))
	for i, r := range runs {
		args[i] = r
	}
	return "run_id IN (" + placeholders(len(runs)) + ")", args
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// CompletedRun returns the complete run that ingested a file with these bytes, if there is one.
func (d *DB) CompletedRun(ctx context.Context, sha string) (*trade.Run, bool, error) {
	rs, err := d.queryRuns(ctx, ` WHERE r_sha256 = ? AND r_status = 'complete' ORDER BY id LIMIT 1`, sha)
	if err != nil {
		return nil, false, fmt.Errorf("find run: %w", err)
	}
	if len(rs) == 0 {
		return nil, false, nil
	}
	return &rs[0].run, true, nil
}

// Runs lists ingest runs, newest first.
func (d *DB) Runs(ctx context.Context, limit int) ([]trade.Run, error) {
	rs, err := d.queryRuns(ctx, ` ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	out := make([]trade.Run, len(rs))
	for i := range rs {
		out[i] = rs[i].run
	}
	return out, nil
}

// Rejections lists a complete run's rejected rows in row order.
func (d *DB) Rejections(ctx context.Context, run trade.RunID, limit int) ([]trade.Rejection, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("list rejected rows: %w", err)
	}
	cond, args := visible(runs)
	args = append(args, int64(run), limit)
	rows, err := d.conn.Query(ctx, `SELECT run_id, file, row_no, column_name, value, reason, detail, raw FROM rejected WHERE `+cond+` AND run_id = ? ORDER BY row_no LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list rejected rows: %w", err)
	}
	defer rows.Close()
	var out []trade.Rejection
	for rows.Next() {
		var r trade.Rejection
		var id int64
		if err := rows.Scan(&id, &r.File, &r.Row, &r.Column, &r.Value, &r.Reason, &r.Detail, &r.Raw); err != nil {
			return nil, fmt.Errorf("list rejected rows: %w", err)
		}
		r.Run = trade.RunID(id)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Counts returns the number of shipments and rejected rows of complete runs.
func (d *DB) Counts(ctx context.Context) (shipments, rejected int64, err error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("count: %w", err)
	}
	cond, args := visible(runs)
	var s, r uint64
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM shipments WHERE `+cond, args...).Scan(&s); err != nil {
		return 0, 0, fmt.Errorf("count shipments: %w", err)
	}
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM rejected WHERE `+cond, args...).Scan(&r); err != nil {
		return 0, 0, fmt.Errorf("count rejected rows: %w", err)
	}
	return int64(s), int64(r), nil
}

// RunHeader returns the source column names of a run, to label its raw rows.
func (d *DB) RunHeader(ctx context.Context, run trade.RunID) ([]string, error) {
	rows, err := d.conn.Query(ctx, `SELECT argMax(header, version) FROM runs WHERE id = ? GROUP BY id`, int64(run))
	if err != nil {
		return nil, fmt.Errorf("run %d: %w", run, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("run %d: %w", run, err)
		}
		return nil, fmt.Errorf("run %d: %w", run, trade.ErrNotFound)
	}
	var h []string
	if err := rows.Scan(&h); err != nil {
		return nil, fmt.Errorf("run %d: header: %w", run, err)
	}
	return h, nil
}

// writeRun appends an event with the run's current state to the status log.
func (d *DB) writeRun(ctx context.Context, r *trade.Run, header []string, cleaned bool) error {
	reasons := r.Reasons
	if reasons == nil {
		reasons = map[string]int64{}
	}
	rj, _ := json.Marshal(reasons)
	if header == nil {
		header = []string{}
	}
	var cl uint8
	if cleaned {
		cl = 1
	}
	b, err := d.conn.PrepareBatch(ctx, `INSERT INTO runs (id, file, sha256, size, profile, format, encoding, header, started, finished, status, error, rows_read, accepted, rejected, reasons, cleaned, version)`)
	if err != nil {
		return err
	}
	finished := r.Finished
	if finished.IsZero() {
		finished = time.Unix(0, 0)
	}
	if err := b.Append(int64(r.ID), r.File, r.SHA256, r.Size, r.Profile, r.Format, r.Encoding, header, r.Started, finished,
		string(r.Status), r.Error, r.Read, r.Accepted, r.Rejected, string(rj), cl, d.nextVersion()); err != nil {
		b.Abort()
		return err
	}
	return b.Send()
}

// claimRunID takes the next run id: max(id) + 1 over the claims, won when this claim is the earliest for that
// id. Two processes that pick the same id both see both claims; the later one tries the next id.
func (d *DB) claimRunID(ctx context.Context) (trade.RunID, error) {
	var tb [8]byte
	for attempt := 0; attempt < 20; attempt++ {
		var next int64
		if err := d.conn.QueryRow(ctx, `SELECT toInt64(max(id) + 1) FROM run_claims`).Scan(&next); err != nil {
			return 0, fmt.Errorf("claim a run id: %w", err)
		}
		if next < 1 {
			next = 1
		}
		if _, err := rand.Read(tb[:]); err != nil {
			return 0, fmt.Errorf("claim a run id: %w", err)
		}
		token := binary.LittleEndian.Uint64(tb[:])
		if err := insertRow(ctx, d.conn, `INSERT INTO run_claims (id, token, claimed)`, next, token, d.nextVersion()); err != nil {
			return 0, fmt.Errorf("claim a run id: %w", err)
		}
		var first uint64
		if err := d.conn.QueryRow(ctx, `SELECT argMin(token, (claimed, token)) FROM run_claims WHERE id = ?`, next).Scan(&first); err != nil {
			return 0, fmt.Errorf("claim a run id: %w", err)
		}
		if first == token {
			return trade.RunID(next), nil
		}
	}
	return 0, errors.New("claim a run id: 20 attempts lost to other processes")
}

// reapStale marks runs whose loader stopped sending heartbeats as failed, and deletes the rows of failed runs
// not yet cleaned. Readers never see these rows (their run is not complete); this gives the space back.
func (d *DB) reapStale(ctx context.Context) error {
	cutoff := uint64(time.Now().Add(-d.lease).UnixNano())
	rs, err := d.queryRuns(ctx, ` WHERE (r_status = 'loading' AND r_version < ?) OR (r_status = 'failed' AND r_cleaned = 0)`, cutoff)
	if err != nil {
		return fmt.Errorf("clean up interrupted runs: %w", err)
	}
	for _, rr := range rs {
		r := rr.run
		if r.Status == trade.RunLoading {
			r.Status = trade.RunFailed
			r.Error = "interrupted: the process stopped before the run committed (no heartbeat since " +
				time.Unix(0, int64(rr.version)).UTC().Format(time.RFC3339) + ")"
		}
		if err := d.dropRunRows(ctx, r.ID); err != nil {
			return fmt.Errorf("clean up run %d: %w", r.ID, err)
		}
		hdr, err := d.RunHeader(ctx, r.ID)
		if err != nil {
			return err
		}
		if err := d.writeRun(ctx, &r, hdr, true); err != nil {
			return fmt.Errorf("clean up run %d: %w", r.ID, err)
		}
	}
	return nil
}

// dropRunRows deletes what a run that did not complete left on every shard: its staged rows at once (a
// partition), its rows in the other tables by a background mutation.
func (d *DB) dropRunRows(ctx context.Context, run trade.RunID) error {
	return d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		if err := c.Exec(ctx, fmt.Sprintf(`ALTER TABLE shipments_stage_local DROP PARTITION %d`, int64(run))); err != nil {
			return err
		}
		for _, t := range []string{"shipments_local", "raw_rows_local", "rejected_local"} {
			var n uint64
			if err := c.QueryRow(ctx, `SELECT count() FROM `+t+` WHERE run_id = ?`, int64(run)).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				continue
			}
			if err := c.Exec(ctx, `ALTER TABLE `+t+` DELETE WHERE run_id = ?`, int64(run)); err != nil {
				return err
			}
		}
		return nil
	})
}
