package duckdb

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/trade"
)

// GoodsRun says what reading one run's goods did.
type GoodsRun struct {
	Run   trade.RunID
	Lines int64 // lines read
	Hits  int64 // lines whose text reads as a controlled class
	Took  time.Duration
}

// ReadGoods runs classify over the text of every line of each complete run not yet read under this version, on
// every core, and keeps the controlled classes it finds (goods_lines). Each run is stored in one transaction, so
// an interrupted reading leaves whole runs read or unread; readings of another version are dropped first. done,
// when set, is called after each run.
func (d *DB) ReadGoods(ctx context.Context, version string, classify func(*detect.Text) []detect.TextClass, done func(GoodsRun)) ([]GoodsRun, error) {
	if _, err := d.db.ExecContext(ctx, `DELETE FROM goods_lines WHERE run_id NOT IN (SELECT run_id FROM goods_runs WHERE version = ?)`, version); err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	if _, err := d.db.ExecContext(ctx, `DELETE FROM goods_runs WHERE version <> ?`, version); err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id FROM runs WHERE status = 'complete' AND id NOT IN (SELECT run_id FROM goods_runs) ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	var runs []trade.RunID
	for rows.Next() {
		var id trade.RunID
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read goods: %w", err)
		}
		runs = append(runs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read goods: %w", err)
	}
	var out []GoodsRun
	for _, run := range runs {
		r, err := d.readRunGoods(ctx, run, version, classify)
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

// readRunGoods reads one run: the store streams its text to workers on every core, whose readings go to a
// temporary file that the transaction loads.
func (d *DB) readRunGoods(ctx context.Context, run trade.RunID, version string, classify func(*detect.Text) []detect.TextClass) (GoodsRun, error) {
	start := time.Now()
	res := GoodsRun{Run: run}
	tf, err := d.tempTSV("goods-*.tsv")
	if err != nil {
		return res, fmt.Errorf("read goods: %w", err)
	}
	defer tf.remove()
	w := tf.w

	in := make(chan []detect.Text, 4)
	out := make(chan []byte, 4)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range in {
				var e rowEncoder
				var b []byte
				for i := range batch {
					for pos, tc := range classify(&batch[i]) {
						e = rowEncoder{b: b}
						e.int(int64(batch[i].ID))
						e.int(int64(run))
						e.int(int64(pos))
						e.str(tc.Class)
						e.num(trade.N(tc.Weight))
						e.str(tc.Evidence)
						b = append(e.b, '\n')
					}
				}
				out <- b // the writer drains out until it is closed
			}
		}()
	}
	var werr error
	written := make(chan struct{})
	go func() {
		defer close(written)
		for b := range out {
			if werr == nil && len(b) > 0 {
				_, werr = w.Write(b)
			}
		}
	}()
	rows, err := d.db.QueryContext(ctx, `SELECT id, description, description_en, brand, manufacturer FROM shipments WHERE run_id = ?`, int64(run))
	if err == nil {
		batch := make([]detect.Text, 0, 1024)
		for rows.Next() {
			var t detect.Text
			if err = rows.Scan(&t.ID, &t.Description, &t.DescriptionEn, &t.Brand, &t.Manufacturer); err != nil {
				break
			}
			res.Lines++
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
	if err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	if werr == nil {
		werr = tf.flush()
	}
	if werr != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, werr)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM goods_lines WHERE run_id = ?`, int64(run)); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	src := tf.source(`'id': 'BIGINT', 'run_id': 'BIGINT', 'pos': 'INTEGER', 'class': 'VARCHAR', 'score': 'DOUBLE', 'words': 'VARCHAR'`)
	if _, err := tx.ExecContext(ctx, `INSERT INTO goods_lines SELECT * FROM `+src); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT id) FROM goods_lines WHERE run_id = ?`, int64(run)).Scan(&res.Hits); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	res.Took = time.Since(start)
	if _, err := tx.ExecContext(ctx, `INSERT INTO goods_runs VALUES (?, ?, ?, ?, ?)`, int64(run), version, res.Lines, res.Hits, res.Took.Milliseconds()); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("read goods of run %d: %w", run, err)
	}
	return res, nil
}

// goodsRead reports whether the goods reader has read every complete run under this version.
func (d *DB) goodsRead(ctx context.Context, version string) (bool, error) {
	var unread int64
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM runs WHERE status = 'complete'
		AND id NOT IN (SELECT run_id FROM goods_runs WHERE version = ?)`, version).Scan(&unread)
	return unread == 0, err
}

// TextClasses implements detect.TextReadings: the stored readings of the lines the filter selects, when every
// complete run has been read under this version.
func (d *DB) TextClasses(ctx context.Context, version string, f detect.Filter, fn func(trade.ShipmentID, []detect.TextClass) error) (bool, error) {
	read, err := d.goodsRead(ctx, version)
	if err != nil {
		return false, fmt.Errorf("text classes: %w", err)
	}
	if !read {
		return false, nil
	}
	q, r := textClassesQuery(f), newTextClassesReader(fn)
	if err := d.eachQueried(ctx, q.what, r.row, q.query, q.args...); err != nil {
		return false, err
	}
	return true, r.flush()
}

// textClassesQuery is TextClasses' query: the readings of each line f selects, a row each, by line.
func textClassesQuery(f detect.Filter) aheadQuery {
	return aheadQuery{what: "text classes", query: `SELECT id, class, score, words FROM goods_lines
		WHERE id IN (SELECT id FROM shipments` + filterSQL(f) + `) ORDER BY id, pos`}
}

// textClassesReader hands each line's readings to fn, from the rows of textClassesQuery: a line's as the next
// line's first row comes, the last line's at flush.
type textClassesReader struct {
	fn   func(trade.ShipmentID, []detect.TextClass) error
	cur  trade.ShipmentID
	cs   []detect.TextClass
	id   trade.ShipmentID
	tc   detect.TextClass
	dest []any // one slice for every row
}

func newTextClassesReader(fn func(trade.ShipmentID, []detect.TextClass) error) *textClassesReader {
	r := &textClassesReader{fn: fn}
	r.dest = []any{&r.id, &r.tc.Class, &r.tc.Weight, &r.tc.Evidence}
	return r
}

func (r *textClassesReader) row(rows rowScanner) error {
	r.tc = detect.TextClass{}
	if err := rows.Scan(r.dest...); err != nil {
		return fmt.Errorf("text classes: %w", err)
	}
	r.tc.Military = true
	if r.id != r.cur && len(r.cs) > 0 {
		if err := r.fn(r.cur, r.cs); err != nil {
			return err
		}
		r.cs = nil
	}
	r.cur = r.id
	r.cs = append(r.cs, r.tc)
	return nil
}

func (r *textClassesReader) flush() error {
	if len(r.cs) == 0 {
		return nil
	}
	cs := r.cs
	r.cs = nil
	return r.fn(r.cur, cs)
}
