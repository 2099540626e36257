package duckdb

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// aheadQuery is a query to run before its rows are read (DB.runAhead).
type aheadQuery struct {
	what  string // as eachQueried names it
	query string
	args  []any
}

// ahead is a query that DuckDB runs to its end on a connection of its own before the caller asks for its rows:
// DuckDB's Go driver runs a query to the end before it gives the first row, so a detector that reads one
// result on one core (its Go work) leaves the other core idle unless the next query is already running.
type ahead struct {
	what     string
	each     chan func(rowScanner) error // the reader, sent once (read)
	dropped  chan struct{}               // closed by drop: the rows will not be read
	done     chan error                  // the query's end, after its rows were read or dropped
	ran      chan struct{}               // closed once the query has run, failed or been dropped: the next may start
	ranOnce  sync.Once
	ended    bool // done was received (by the caller's goroutine, which reads and drops)
	dropOnce sync.Once
}

// runAhead starts the queries, one after another in the order given, each once the one before it has run: the
// first at once, the second while the caller reads the first, and so on. Each must be read (ahead.read) or
// dropped (ahead.drop), in any order; what is not read is best dropped before the store closes, which waits
// for the query to end. A store in memory has one connection, which a query holds until its rows are read: its
// queries run only when read, as eachQueried would run them.
func (d *DB) runAhead(ctx context.Context, qs ...aheadQuery) []*ahead {
	out := make([]*ahead, len(qs))
	var after chan struct{}
	for i, q := range qs {
		a := &ahead{what: q.what, each: make(chan func(rowScanner) error, 1), dropped: make(chan struct{}),
			done: make(chan error, 1), ran: make(chan struct{})}
		go a.run(ctx, d, after, d.path == "", q)
		after, out[i] = a.ran, a
	}
	return out
}

func (a *ahead) run(ctx context.Context, d *DB, after chan struct{}, lazy bool, q aheadQuery) {
	defer a.markRan()
	var each func(rowScanner) error
	if lazy {
		select {
		case each = <-a.each:
		case <-a.dropped:
			a.done <- nil
			return
		}
	} else if after != nil {
		select {
		case <-after:
		case <-a.dropped:
			a.done <- nil
			return
		}
	}
	err := d.eachRowRun(ctx, func() func(rowScanner) error {
		a.markRan()
		if each != nil {
			return each
		}
		select {
		case each = <-a.each:
			return each
		case <-a.dropped:
			return nil
		}
	}, q.query, q.args...)
	a.done <- err
}

func (a *ahead) markRan() { a.ranOnce.Do(func() { close(a.ran) }) }

// read hands each row to each, as eachQueried does, once the query has run: the rows come on the goroutine that
// ran the query while read waits for them (the context the query was started with ends it). A query is read
// once.
func (a *ahead) read(each func(rowScanner) error) error {
	if a.ended {
		return fmt.Errorf("%s: read twice, or after it was dropped", a.what)
	}
	a.each <- each
	err := <-a.done
	a.ended = true
	var qe queryError
	if errors.As(err, &qe) {
		return fmt.Errorf("%s: %w", a.what, qe.err)
	}
	return err
}

// drop lets go of a query whose rows are not read, and waits for it to end: a query that has not begun does not
// begin, one that has run lets go of its rows unread. Dropping a query that was read does nothing.
func (a *ahead) drop() {
	a.dropOnce.Do(func() { close(a.dropped) })
	if !a.ended {
		<-a.done
		a.ended = true
	}
}
