package duckdb

import (
	"context"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/front"
)

// aheadRows reads the numbers of a query of one BIGINT column through an ahead.
func aheadRows(t *testing.T, a *ahead) []int64 {
	t.Helper()
	var out []int64
	if err := a.read(func(r rowScanner) error {
		var v int64
		if err := r.Scan(&v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// isClosed reports whether c closes within wait.
func isClosed(c chan struct{}, wait time.Duration) bool {
	select {
	case <-c:
		return true
	case <-time.After(wait):
		return false
	}
}

// TestRunAhead: on a store in a file, the queries started ahead run one after another without being asked
// for (the second has run while the first is read and the third not yet begun), and each gives the rows
// eachQueried gives, read in any order; dropping one unread lets it go, and it cannot be read after.
func TestRunAhead(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	q := func(n int) aheadQuery {
		return aheadQuery{what: "range", query: `SELECT i FROM range(?) t(i) ORDER BY i`, args: []any{n}}
	}
	as := d.runAhead(ctx, q(5000), q(3), q(7))
	if !isClosed(as[0].ran, 30*time.Second) || !isClosed(as[1].ran, 30*time.Second) {
		t.Fatal("the first two queries have not run before anything was read")
	}
	// The third waits for the second's rows to be read or dropped: the second holds its connection till then,
	// and the third starts once the second has run, so it may have run too. It is read first here.
	if got := aheadRows(t, as[2]); len(got) != 7 || got[6] != 6 {
		t.Errorf("third query: %v", got)
	}
	var want []int64
	if err := d.eachQueried(ctx, "range", func(r rowScanner) error {
		var v int64
		err := r.Scan(&v)
		want = append(want, v)
		return err
	}, q(5000).query, 5000); err != nil {
		t.Fatal(err)
	}
	got := aheadRows(t, as[0])
	if len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("first query: %d rows, want %d", len(got), len(want))
	}
	as[1].drop()
	if err := as[1].read(func(rowScanner) error { return nil }); err == nil {
		t.Error("a dropped query was read")
	}
	if err := as[0].read(func(rowScanner) error { return nil }); err == nil {
		t.Error("a query was read twice")
	}
	as[0].drop() // dropping what was read does nothing
}

// TestRunAheadInMemory: a store in memory has one connection, so its queries run only when read; a query that
// fails names what it was, and the caller's error comes back as it is.
func TestRunAheadInMemory(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, ":memory:", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	as := d.runAhead(ctx,
		aheadQuery{what: "numbers", query: `SELECT i FROM range(10) t(i)`},
		aheadQuery{what: "broken sums", query: `SELECT no_such_column FROM range(3)`},
		aheadQuery{what: "more numbers", query: `SELECT i FROM range(4) t(i)`},
		aheadQuery{what: "never read", query: `SELECT i FROM range(4) t(i)`})
	if isClosed(as[0].ran, 200*time.Millisecond) {
		t.Error("a query of a store in memory ran before it was read")
	}
	// Between two reads the caller may use the store: no ahead holds its one connection.
	if _, err := d.db.ExecContext(ctx, `SELECT 1`); err != nil {
		t.Fatal(err)
	}
	if got := aheadRows(t, as[0]); len(got) != 10 {
		t.Errorf("first query: %d rows, want 10", len(got))
	}
	err = as[1].read(func(rowScanner) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "broken sums: ") || !strings.Contains(err.Error(), "no_such_column") {
		t.Errorf("failing query: %v; want its name and DuckDB's error", err)
	}
	stop := errStop{}
	if err := as[2].read(func(rowScanner) error { return stop }); err != stop {
		t.Errorf("the reader's error came back as %v", err)
	}
	as[3].drop()
	if _, err := d.db.ExecContext(ctx, `SELECT 1`); err != nil {
		t.Fatalf("after the reads: %v", err)
	}
}

type errStop struct{}

func (errStop) Error() string { return "stop" }

// TestFrontAheadQuery: the sums started ahead are given for the query they were started with, and only once.
func TestFrontAheadQuery(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	q := front.Query{To: []country.Code{"RU"}, Hubs: []country.Code{"AE"}, Cutoff: time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)}
	st, release := d.FrontAhead(ctx, q)
	defer release()
	other := q
	other.Hubs = []country.Code{"TR"}
	if err := st.Appearances(ctx, other, func(*front.Appearance) error { return nil }); err == nil {
		t.Error("sums started for one query were given for another")
	}
	n := 0
	if err := st.Appearances(ctx, q, func(*front.Appearance) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("appearances of an empty store: %d, %v", n, err)
	}
	if err := st.Appearances(ctx, q, func(*front.Appearance) error { return nil }); err == nil {
		t.Error("the appearances were given twice")
	}
	if err := st.HubEdges(ctx, q, func(*front.Edge) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("hub edges of an empty store: %d, %v", n, err)
	}
	// The goods mix is left unread: release drops it.
}
