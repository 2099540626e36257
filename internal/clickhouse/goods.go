package clickhouse

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// GoodsRun says what reading one run's goods did; it is the DuckDB store's, so both stores answer the same calls.
type GoodsRun = duckdb.GoodsRun

// orphanAge is how old the rows of a reading that never committed must be before they are deleted: older than
// any reading still under way.
const orphanAge = time.Hour

// goodsEpoch is the current reader version and the epoch it became current; ok is false before any reading.
func (d *DB) goodsEpoch(ctx context.Context) (version string, epoch uint64, ok bool, err error) {
	rows, err := d.conn.Query(ctx, `SELECT argMax(version, epoch), max(epoch), count() FROM goods_versions`)
	if err != nil {
		return "", 0, false, err
	}
	defer rows.Close()
	var n uint64
	if rows.Next() {
		if err := rows.Scan(&version, &epoch, &n); err != nil {
			return "", 0, false, err
		}
	}
	if err := rows.Err(); err != nil {
		return "", 0, false, err
	}
	if n == 0 {
		return "", 0, false, nil
	}
	// The epoch of the current version is its latest row, which is the latest row overall.
	return version, epoch, true, nil
}

// readGenerations returns, for each run read under this version and epoch, the generation of its newest
// recorded reading.
func (d *DB) readGenerations(ctx context.Context, version string, epoch uint64) (map[int64]uint64, error) {
	rows, err := d.conn.Query(ctx, `SELECT run_id, max(generation) FROM goods_runs WHERE version = ? AND epoch = ? GROUP BY run_id`, version, epoch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]uint64{}
	for rows.Next() {
		var run int64
		var gen uint64
		if err := rows.Scan(&run, &gen); err != nil {
			return nil, err
		}
		out[run] = gen
	}
	return out, rows.Err()
}

// ReadGoods runs classify over the text of every line of each complete run not yet read under this version, on
// every core, and keeps the controlled classes it finds (goods_lines), each line's readings on the shard of the
// line. Each run's reading becomes visible in one step (see migrations/002_goods.sql), so an interrupted reading
// leaves whole runs read or unread; reading under another version than the current one makes every run unread.
// done, when set, is called after each run.
func (d *DB) ReadGoods(ctx context.Context, version string, classify func(*detect.Text) []detect.TextClass, done func(GoodsRun)) ([]GoodsRun, error) {
	cur, epoch, ok, err := d.goodsEpoch(ctx)
	if err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	if !ok || cur != version {
		epoch = d.nextVersion()
		if err := insertRow(ctx, d.conn, `INSERT INTO goods_versions (version, epoch)`, version, epoch); err != nil {
			return nil, fmt.Errorf("read goods: %w", err)
		}
	}
	gens, err := d.readGenerations(ctx, version, epoch)
	if err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	if err := d.dropOrphanReadings(ctx, gens); err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	complete, err := d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	var out []GoodsRun
	for _, run := range complete {
		if _, read := gens[run]; read {
			continue
		}
		r, err := d.readRunGoods(ctx, trade.RunID(run), version, epoch, classify)
		if err != nil {
			return out, err
		}
		out = append(out, r)
		if done != nil {
			done(r)
		}
	}
	return out, nil
}

// dropOrphanReadings deletes, in the background, the rows of readings that no longer count: of other versions or
// epochs, superseded, or never committed. Rows younger than orphanAge are kept, as another process may be
// writing them now. Readers never see these rows; this gives the space back.
func (d *DB) dropOrphanReadings(ctx context.Context, live map[int64]uint64) error {
	cond := `generation < ?`
	args := []any{uint64(time.Now().Add(-orphanAge).UnixNano())}
	if len(live) > 0 {
		cond += ` AND generation NOT IN (` + placeholders(len(live)) + `)`
		for _, g := range live {
			args = append(args, g)
		}
	}
	return d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		var n uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM goods_lines_local WHERE `+cond, args...).Scan(&n); err != nil || n == 0 {
			return err
		}
		return c.Exec(ctx, `ALTER TABLE goods_lines_local DELETE WHERE `+cond, args...)
	})
}

// goodsRow is one reading of one line, as goods_lines_local holds it.
type goodsRow struct {
	id  int64
	pos int32
	tc  detect.TextClass
}

// readRunGoods reads one run: each shard in turn streams its lines of the run to workers on every core, whose
// readings go back to the same shard in blocks; then one row in goods_runs commits the reading.
func (d *DB) readRunGoods(ctx context.Context, run trade.RunID, version string, epoch uint64, classify func(*detect.Text) []detect.TextClass) (GoodsRun, error) {
	start := time.Now()
	res := GoodsRun{Run: run}
	gen := d.nextVersion()
	for i, c := range d.shards {
		lines, hits, err := d.readShardGoods(ctx, c, run, gen, classify)
		if err != nil {
			return res, fmt.Errorf("read goods of run %d: shard %d (%s): %w", run, i+1, d.addrs[i], err)
		}
		res.Lines += lines
		res.Hits += hits
	}
	res.Took = time.Since(start)
	if err := insertRow(ctx, d.conn, `INSERT INTO goods_runs (run_id, version, epoch, generation, lines, hits, read_ms, created)`,
		int64(run), version, epoch, gen, res.Lines, res.Hits, res.Took.Milliseconds(), time.Now().UTC()); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	return res, nil
}

// readShardGoods classifies one shard's lines of a run and writes their readings to that shard. It returns the
// lines read and the lines with at least one reading.
func (d *DB) readShardGoods(ctx context.Context, c driver.Conn, run trade.RunID, gen uint64, classify func(*detect.Text) []detect.TextClass) (lines, hits int64, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan []detect.Text, 4)
	out := make(chan []goodsRow, 4)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range in {
				var rs []goodsRow
				for i := range batch {
					for pos, tc := range classify(&batch[i]) {
						rs = append(rs, goodsRow{id: int64(batch[i].ID), pos: int32(pos), tc: tc})
					}
				}
				out <- rs // the writer drains out until it is closed
			}
		}()
	}
	// The writer sends a block every blockRows readings; it stops writing after its first error.
	var werr error
	written := make(chan struct{})
	go func() {
		defer close(written)
		var b driver.Batch
		n := 0
		ids := map[int64]bool{}
		send := func() {
			if b != nil && werr == nil {
				werr = b.Send()
			}
			b, n = nil, 0
		}
		for rs := range out {
			if werr != nil {
				continue
			}
			for _, r := range rs {
				if b == nil {
					if b, werr = c.PrepareBatch(ctx, `INSERT INTO goods_lines_local (id, run_id, generation, pos, class, score, words)`); werr != nil {
						cancel()
						break
					}
				}
				if werr = b.Append(r.id, int64(run), gen, r.pos, text(r.tc.Class), r.tc.Weight, text(r.tc.Evidence)); werr != nil {
					cancel()
					break
				}
				ids[r.id] = true
				if n++; n >= blockRows {
					send()
				}
			}
		}
		if werr == nil {
			send()
		} else if b != nil {
			_ = b.Abort()
		}
		hits = int64(len(ids))
	}()
	rows, err := c.Query(ctx, `SELECT id, description, description_en, brand, manufacturer FROM shipments_local WHERE run_id = ?`, int64(run))
	if err == nil {
		batch := make([]detect.Text, 0, 1024)
		for rows.Next() {
			var t detect.Text
			var id int64
			if err = rows.Scan(&id, &t.Description, &t.DescriptionEn, &t.Brand, &t.Manufacturer); err != nil {
				break
			}
			t.ID = trade.ShipmentID(id)
			lines++
			batch = append(batch, t)
			if len(batch) == cap(batch) {
				in <- batch
				batch = make([]detect.Text, 0, 1024)
			}
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if len(batch) > 0 && err == nil {
			in <- batch
		}
	}
	close(in)
	wg.Wait()
	close(out)
	<-written
	if werr != nil {
		return 0, 0, werr
	}
	if err != nil {
		return 0, 0, err
	}
	return lines, hits, nil
}

// TextClasses implements detect.TextReadings: the stored readings of the lines the filter selects, when every
// complete run has been read under this version, and this version is the current one.
func (d *DB) TextClasses(ctx context.Context, version string, f detect.Filter, fn func(trade.ShipmentID, []detect.TextClass) error) (bool, error) {
	cur, epoch, ok, err := d.goodsEpoch(ctx)
	if err != nil {
		return false, fmt.Errorf("text classes: %w", err)
	}
	gens := map[int64]uint64{} // a version that is not the current one has read nothing
	if ok && cur == version {
		if gens, err = d.readGenerations(ctx, version, epoch); err != nil {
			return false, fmt.Errorf("text classes: %w", err)
		}
	}
	rd, err := d.reader(ctx)
	if err != nil {
		return false, fmt.Errorf("text classes: %w", err)
	}
	var live []any
	for run := range rd.files {
		g, read := gens[run]
		if !read {
			return false, nil
		}
		live = append(live, g)
	}
	if len(live) == 0 {
		return true, nil
	}
	sort.Slice(live, func(i, j int) bool { return live[i].(uint64) < live[j].(uint64) })
	where, fargs := filterSQL(f)
	// Each shard joins its readings with its own lines: the subquery names the local table.
	q := `SELECT id, class, score, words FROM goods_lines WHERE generation IN (` + placeholders(len(live)) + `)
AND id IN (SELECT id FROM ` + d.database + `.shipments_local WHERE ` + rd.cond + where + `) ORDER BY id, pos`
	args := append(append(live, rd.args...), fargs...)
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return false, fmt.Errorf("text classes: %w", err)
	}
	defer rows.Close()
	var cur0 trade.ShipmentID
	var cs []detect.TextClass
	var n int64
	for rows.Next() {
		var id int64
		var tc detect.TextClass
		if err := rows.Scan(&id, &tc.Class, &tc.Weight, &tc.Evidence); err != nil {
			return false, fmt.Errorf("text classes: %w", err)
		}
		n++
		tc.Military = true
		if trade.ShipmentID(id) != cur0 && len(cs) > 0 {
			if err := fn(cur0, cs); err != nil {
				return false, err
			}
			cs = nil
		}
		cur0 = trade.ShipmentID(id)
		cs = append(cs, tc)
	}
	if err := rows.Err(); err != nil {
		return false, incomplete("text classes", n, err)
	}
	if len(cs) > 0 {
		if err := fn(cur0, cs); err != nil {
			return false, err
		}
	}
	return true, nil
}
