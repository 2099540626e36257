//go:build duckdb_arrow

package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/rusage"
	"tradetrace/internal/trade"
)

// cells is one row of rowsQuery as the detectors' scans read rows: plain, named and nullable destinations.
type cells struct {
	ID      trade.ShipmentID
	Small   int
	Tiny    int64
	Hash    uint64
	Sum     int64
	SumF    float64
	Score   float64
	Value   sql.NullFloat64
	Missing sql.NullFloat64
	Flag    bool
	Text    string
	Country country.Code
	Date    time.Time
	Stamp   time.Time
	MaybeD  sql.NullTime
	MaybeS  sql.NullString
	MaybeI  sql.NullInt64
}

func (c *cells) dest() []any {
	return []any{&c.ID, &c.Small, &c.Tiny, &c.Hash, &c.Sum, &c.SumF, &c.Score, &c.Value, &c.Missing, &c.Flag, &c.Text,
		&c.Country, &c.Date, &c.Stamp, &c.MaybeD, &c.MaybeS, &c.MaybeI}
}

// rowsQuery gives 5,000 rows (more than one Arrow batch) of every type the store's scans read, with NULLs in
// every other row of the nullable columns, text in Cyrillic, with tabs and empty, negative numbers and a
// HUGEINT (a sum of BIGINTs).
const rowsQuery = `SELECT i::BIGINT, (i % 300)::SMALLINT, (i % 100 - 50)::TINYINT, hash(i), sum(i::BIGINT) OVER (), sum(i::BIGINT) OVER (),
	i / 7, CASE WHEN i % 2 = 0 THEN i * 1.5 END, NULL::DOUBLE, i % 3 = 0,
	CASE i % 4 WHEN 0 THEN '' WHEN 1 THEN 'ООО «Ромашка» ' || i WHEN 2 THEN 'tab' || chr(9) || 'here' ELSE 'x' END,
	CASE WHEN i % 2 = 0 THEN 'RU' ELSE 'AE' END,
	DATE '2022-02-24' + (i % 900)::INTEGER, TIMESTAMP '2023-01-01 12:34:56.789' + to_seconds(i),
	CASE WHEN i % 2 = 1 THEN DATE '1999-12-31' + i::INTEGER END, CASE WHEN i % 2 = 1 THEN 'v' || i END,
	CASE WHEN i % 2 = 1 THEN -i END
FROM range(5000) t(i) ORDER BY i`

// TestArrowRowsReadAsSQL: rows read from Arrow batches are the values database/sql reads, for every type and
// destination the scans use; a NULL into a destination that cannot hold it and a wrong number of destinations
// are errors both ways.
func TestArrowRowsReadAsSQL(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	read := func(each func(context.Context, func(rowScanner) error, string, ...any) error) []cells {
		t.Helper()
		var out []cells
		err := each(ctx, func(r rowScanner) error {
			var c cells
			if err := r.Scan(c.dest()...); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		}, rowsQuery)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want, got := read(d.eachRowSQL), read(d.eachRowOf)
	if len(want) != 5000 {
		t.Fatalf("database/sql read %d rows, want 5000", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows read from Arrow differ from database/sql's (-sql +arrow):\n%s", diff)
	}
	if c := got[4999]; c.Sum != 4999*5000/2 || c.MaybeS.String != "v4999" || c.MaybeI.Int64 != -4999 || !strings.HasPrefix(got[1].Text, "ООО") {
		t.Errorf("last row read as %+v", c)
	}

	// A caller's error ends the rows, and comes back as it is; so does a cancelled context. The store reads on.
	stop := errors.New("enough")
	n := 0
	err := d.eachRowOf(ctx, func(rowScanner) error {
		if n++; n == 3000 {
			return stop
		}
		return nil
	}, rowsQuery)
	if err != stop || n != 3000 {
		t.Errorf("stopping at row 3000 gave %v after %d rows", err, n)
	}
	cctx, cancel := context.WithCancel(ctx)
	n = 0
	err = d.eachQueried(cctx, "cancelled", func(rowScanner) error {
		if n++; n == 1 {
			cancel()
		}
		return nil
	}, rowsQuery)
	if !errors.Is(err, context.Canceled) || n > 2048 {
		t.Errorf("cancelling at the first row gave %v after %d rows", err, n)
	}
	if again := read(d.eachRowOf); len(again) != 5000 {
		t.Errorf("after the stopped reads, %d rows read", len(again))
	}

	for _, q := range []string{`SELECT NULL::VARCHAR`, `SELECT 1, 2`} {
		var s string
		sqlErr := d.eachRowSQL(ctx, func(r rowScanner) error { return r.Scan(&s) }, q)
		arrowErr := d.eachRowOf(ctx, func(r rowScanner) error { return r.Scan(&s) }, q)
		if sqlErr == nil || arrowErr == nil {
			t.Errorf("%s into one string: database/sql gave %v, Arrow %v; want errors", q, sqlErr, arrowErr)
		}
	}
}

// BenchmarkReadLines reads the lean columns of every line bound for Russia or Belarus (as the chain detector's
// scans do) from the store of `make bench`, through database/sql and from Arrow batches, into shipments, and
// reports each way's wall-clock and CPU seconds.
func BenchmarkReadLines(b *testing.B) {
	path := os.Getenv("TRADETRACE_BENCH_DB")
	if path == "" {
		b.Skip("TRADETRACE_BENCH_DB is not set (make bench sets it)")
	}
	d, err := Open(context.Background(), path, Config{MemoryLimit: "1.25GB"})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	query := `SELECT ` + lineSelect + ` FROM shipments WHERE destination_country IN ('RU', 'BY') OR consignee_country IN ('RU', 'BY')`
	for _, way := range []struct {
		name string
		each func(context.Context, func(rowScanner) error, string, ...any) error
	}{{"sql", d.eachRowSQL}, {"arrow", d.eachRowOf}} {
		b.Run(way.name, func(b *testing.B) {
			for b.Loop() {
				start, cpu0 := time.Now(), rusage.CPU()
				var x shipmentScanner
				var s trade.Shipment
				n := 0
				err := way.each(context.Background(), func(r rowScanner) error {
					n++
					return x.scanLine(r, &s)
				}, query)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(time.Since(start).Seconds(), "s")
				b.ReportMetric((rusage.CPU() - cpu0).Seconds(), "cpu-s")
				b.ReportMetric(float64(n), "lines")
			}
		})
	}
}
