package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// A run's rows go to shipments_stage as they arrive, in blocks sent by a goroutine while the next block fills.
// At commit each shard, on its own, moves its staged rows that no complete run holds into shipments_local and
// raw_rows_local, and turns the others into rejected rows; then one insert marks the run complete.

const stageColumns = `id, run_id, row_no, record_id, date, direction, reporter, declaration_no, item_no,
shipper_name, shipper_name_en, shipper_address, shipper_address_en, shipper_country, shipper_id,
consignee_name, consignee_name_en, consignee_address, consignee_address_en, consignee_country, consignee_id,
origin_country, dispatch_country, destination_country, trading_country, hs_code, hs6, description, description_en,
brand, manufacturer, quantity, unit, gross_weight_kg, net_weight_kg, value, currency, value_usd, aggregated, fingerprint`

const rejectedColumns = `run_id, file, row_no, column_name, value, reason, detail, raw`

// blockRows is the number of rows per insert: large blocks are what MergeTree wants.
const blockRows = 100_000

type loader struct {
	d      *DB
	run    *trade.Run
	header []string

	ship, rej       driver.Batch
	nShipBlk, nRej  int
	nShip, nRejects int64

	sends chan driver.Batch
	sent  chan error // one result per block sent, in order
	sendM sync.Mutex
	err   error // the first failure of the sender

	stopBeat chan struct{}
	beatDone chan struct{}
	finished bool
}

// BeginRun records a new run as loading and returns its loader.
func (d *DB) BeginRun(ctx context.Context, run *trade.Run, header []string) (ingest.Loader, error) {
	if err := d.reapStale(ctx); err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	id, err := d.claimRunID(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	run.ID = id
	if run.Started.IsZero() {
		run.Started = time.Now().UTC()
	}
	run.Status = trade.RunLoading
	if err := d.writeRun(ctx, run, header, false); err != nil {
		return nil, fmt.Errorf("begin run %d: %w", id, err)
	}
	l := &loader{d: d, run: run, header: header, sends: make(chan driver.Batch, 1), sent: make(chan error, 1),
		stopBeat: make(chan struct{}), beatDone: make(chan struct{})}
	go l.sender()
	go l.heartbeat()
	return l, nil
}

// heartbeat tells other processes that the run is alive, three times per lease.
func (l *loader) heartbeat() {
	defer close(l.beatDone)
	t := time.NewTicker(l.d.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stopBeat:
			return
		case <-t.C:
			r := *l.run
			r.Status = trade.RunLoading
			_ = l.d.writeRun(context.Background(), &r, l.header, false) // a missed beat is retried on the next tick
		}
	}
}

func (l *loader) stopHeartbeat() {
	select {
	case <-l.stopBeat:
	default:
		close(l.stopBeat)
	}
	<-l.beatDone
}

// sender sends full blocks in order; the first error stops the run.
func (l *loader) sender() {
	defer close(l.sent)
	for b := range l.sends {
		err := b.Send()
		l.sendM.Lock()
		if err != nil && l.err == nil {
			l.err = fmt.Errorf("send rows to shipments_stage: %w", err)
		}
		l.sendM.Unlock()
	}
}

func (l *loader) sendErr() error {
	l.sendM.Lock()
	defer l.sendM.Unlock()
	return l.err
}

func (l *loader) newShipBatch() error {
	b, err := l.d.conn.PrepareBatch(context.Background(), `INSERT INTO shipments_stage (`+stageColumns+`, raw)`)
	if err != nil {
		return fmt.Errorf("run %d: prepare insert: %w", l.run.ID, err)
	}
	l.ship, l.nShipBlk = b, 0
	return nil
}

// Add implements ingest.Loader.
func (l *loader) Add(s *trade.Shipment, raw []string) error {
	if err := l.sendErr(); err != nil {
		return err
	}
	if l.ship == nil {
		if err := l.newShipBatch(); err != nil {
			return err
		}
	}
	s.ID = ingest.ShipmentID(l.run.ID, s.Prov.Row)
	var agg uint8
	if s.Aggregated {
		agg = 1
	}
	err := l.ship.Append(int64(s.ID), int64(l.run.ID), s.Prov.Row, text(s.RecordID), s.Date, s.Direction.String(), string(s.Reporter),
		text(s.DeclarationNo), int32(s.ItemNo),
		text(s.Shipper.Name), text(s.Shipper.NameEn), text(s.Shipper.Address), text(s.Shipper.AddressEn), string(s.Shipper.Country), text(s.Shipper.ID),
		text(s.Consignee.Name), text(s.Consignee.NameEn), text(s.Consignee.Address), text(s.Consignee.AddressEn), string(s.Consignee.Country), text(s.Consignee.ID),
		string(s.Origin), string(s.Dispatch), string(s.Destination), string(s.Trading), string(s.HS), string(s.HS6),
		text(s.Description), text(s.DescriptionEn), text(s.Brand), text(s.Manufacturer),
		num(s.Quantity), text(s.Unit), num(s.GrossWeightKg), num(s.NetWeightKg), num(s.Value), text(s.Currency), num(s.ValueUSD),
		agg, s.Fingerprint, rawFields(raw))
	if err != nil {
		return fmt.Errorf("run %d row %d: %w", l.run.ID, s.Prov.Row, err)
	}
	l.nShip++
	l.nShipBlk++
	if l.nShipBlk >= blockRows {
		l.sends <- l.ship
		l.ship = nil
	}
	return nil
}

// Reject implements ingest.Loader.
func (l *loader) Reject(r *trade.Rejection) error {
	if l.rej == nil {
		b, err := l.d.conn.PrepareBatch(context.Background(), `INSERT INTO rejected (`+rejectedColumns+`)`)
		if err != nil {
			return fmt.Errorf("run %d: prepare insert: %w", l.run.ID, err)
		}
		l.rej, l.nRej = b, 0
	}
	if err := l.rej.Append(int64(l.run.ID), r.File, r.Row, text(r.Column), text(r.Value), text(r.Reason), text(r.Detail), rawFields(r.Raw)); err != nil {
		return fmt.Errorf("run %d row %d: %w", l.run.ID, r.Row, err)
	}
	l.nRejects++
	l.nRej++
	if l.nRej >= blockRows {
		l.sends <- l.rej
		l.rej = nil
	}
	return nil
}

// flush sends the blocks still filling and waits for the sender.
func (l *loader) flush() error {
	if l.ship != nil {
		l.sends <- l.ship
		l.ship = nil
	}
	if l.rej != nil {
		l.sends <- l.rej
		l.rej = nil
	}
	close(l.sends)
	for range l.sent {
	}
	return l.sendErr()
}

// Commit moves the run's rows into place on every shard and marks the run complete. Rows another run already
// holds become rejected rows with reason "duplicate".
func (l *loader) Commit(ctx context.Context, run *trade.Run) (err error) {
	if l.finished {
		return errors.New("commit: run already finished")
	}
	l.finished = true
	defer func() {
		if err != nil {
			l.stopHeartbeat()
			err = l.fail(context.WithoutCancel(ctx), err)
		}
	}()
	if err := l.flush(); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	complete, err := l.d.completeRuns(ctx)
	if err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	cond, cargs := visible(complete)
	held := `(SELECT fingerprint FROM shipments_local WHERE ` + cond + `)`
	id := int64(run.ID)
	var dups, moved int64
	var mu sync.Mutex
	err = l.d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		var n uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM shipments_stage_local WHERE run_id = ? AND fingerprint IN `+held,
			append([]any{id}, cargs...)...).Scan(&n); err != nil {
			return fmt.Errorf("count duplicates: %w", err)
		}
		if n > 0 {
			// The first holder of each fingerprint, by store id (run << 36 | row).
			q := `INSERT INTO rejected_local (` + rejectedColumns + `)
				SELECT run_id, ?, row_no, '', '', 'duplicate',
					concat('already in the store: run ', toString(intDiv(first_id, 68719476736)), ', row ', toString(first_id % 68719476736)), raw
				FROM (SELECT run_id, row_no, raw, fingerprint FROM shipments_stage_local WHERE run_id = ?)
				ANY INNER JOIN (SELECT fingerprint, min(id) AS first_id FROM shipments_local WHERE ` + cond + ` GROUP BY fingerprint) USING fingerprint`
			if err := c.Exec(ctx, q, append([]any{run.File, id}, cargs...)...); err != nil {
				return fmt.Errorf("record duplicates: %w", err)
			}
		}
		notHeld := ` FROM shipments_stage_local WHERE run_id = ? AND fingerprint NOT IN ` + held
		args := append([]any{id}, cargs...)
		if err := c.Exec(ctx, `INSERT INTO raw_rows_local (id, run_id, raw) SELECT id, run_id, raw`+notHeld, args...); err != nil {
			return fmt.Errorf("load raw rows: %w", err)
		}
		if err := c.Exec(ctx, `INSERT INTO shipments_local (`+stageColumns+`) SELECT `+stageColumns+notHeld, args...); err != nil {
			return fmt.Errorf("load shipments: %w", err)
		}
		var m uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM shipments_local WHERE run_id = ?`, id).Scan(&m); err != nil {
			return fmt.Errorf("count loaded shipments: %w", err)
		}
		mu.Lock()
		dups += int64(n)
		moved += int64(m)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	if moved != l.nShip-dups {
		return fmt.Errorf("commit run %d: %d shipments loaded, want %d of %d less %d duplicates", run.ID, moved, l.nShip-dups, l.nShip, dups)
	}
	if dups > 0 {
		run.Accepted -= dups
		run.Rejected += dups
		run.Reasons["duplicate"] += dups
	}
	l.stopHeartbeat()
	// A process that took this run for dead (its heartbeats late past the lease) has marked it failed and is
	// deleting its rows: it must not become complete now.
	var status string
	if err := l.d.conn.QueryRow(ctx, `SELECT argMax(status, version) FROM runs WHERE id = ?`, id).Scan(&status); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	if status != string(trade.RunLoading) {
		return fmt.Errorf("commit run %d: the run is %s: another process took it for dead (no heartbeat within %s)", run.ID, status, l.d.lease)
	}
	run.Status = trade.RunComplete
	if err := l.d.writeRun(ctx, run, l.header, false); err != nil {
		run.Status = trade.RunLoading
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	// The staged rows are no longer needed; a failure here only leaves them for the next clean-up.
	_ = l.d.onShards(context.WithoutCancel(ctx), func(ctx context.Context, c driver.Conn) error {
		return c.Exec(ctx, fmt.Sprintf(`ALTER TABLE shipments_stage_local DROP PARTITION %d`, id))
	})
	return nil
}

// Abort discards the run's rows and marks it failed.
func (l *loader) Abort(cause error) error {
	if l.finished {
		return nil
	}
	l.finished = true
	// The blocks still filling are dropped, not sent; those on their way are waited for, then deleted.
	for _, b := range []driver.Batch{l.ship, l.rej} {
		if b != nil {
			_ = b.Abort()
		}
	}
	l.ship, l.rej = nil, nil
	_ = l.flush()
	l.stopHeartbeat()
	if err := l.fail(context.Background(), cause); err != cause {
		return err // cause joined with what went wrong marking the run failed
	}
	return nil
}

// fail marks the run failed and deletes what it wrote; it returns cause, joined with any error of its own.
func (l *loader) fail(ctx context.Context, cause error) error {
	r := *l.run
	r.Status, r.Error = trade.RunFailed, cause.Error()
	l.run.Status = trade.RunFailed
	cleanErr := l.d.dropRunRows(ctx, r.ID)
	if err := l.d.writeRun(ctx, &r, l.header, cleanErr == nil); err != nil {
		return errors.Join(cause, fmt.Errorf("mark run %d failed: %w", r.ID, err))
	}
	if cleanErr != nil {
		return errors.Join(cause, fmt.Errorf("run %d: delete its rows (retried at the next open): %w", r.ID, cleanErr))
	}
	return cause
}

func num(n trade.Num) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.V
	return &v
}

// text normalises a stored text value as the DuckDB store does, so both stores give back the same strings: tabs
// and line breaks become spaces and invalid UTF-8 is replaced.
func text(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}

// rawFields keeps the source fields as they were, with invalid UTF-8 replaced (as the DuckDB store does).
func rawFields(fields []string) []string {
	out := fields
	for i, f := range fields {
		if !utf8.ValidString(f) {
			if &out[0] == &fields[0] {
				out = append([]string(nil), fields...)
			}
			out[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}
