package duckdb

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"tradetrace/internal/rusage"
)

// queryLog writes a line for each query whose rows the store reads (eachRowRun), when Config.QueryLog is set:
// the time DuckDB took to run the query to its end, the time the rows took to read, the process's CPU time in
// each span, the rows read, and the query's first words. The CPU time is the whole process's, not the query's
// alone: it is the query's own only when nothing else runs beside it (detect --serial, and none of the queries
// the store starts ahead of time).
type queryLog struct {
	mu sync.Mutex
	w  io.Writer
}

// queryLogText is how much of a query's text (spaces collapsed) a line of the log shows.
const queryLogText = 200

// queryTimer times one query for the log.
type queryTimer struct {
	log        *queryLog
	query      string
	start, ran time.Time
	cpu0, cpu1 time.Duration
	rows       int
}

// start begins timing query; nil (which times nothing) without a log.
func (l *queryLog) start(query string) *queryTimer {
	if l == nil {
		return nil
	}
	return &queryTimer{log: l, query: query, start: time.Now(), cpu0: rusage.CPU()}
}

// executed marks the end of DuckDB's run of the query, before its first row is read.
func (t *queryTimer) executed() {
	if t == nil {
		return
	}
	t.ran, t.cpu1 = time.Now(), rusage.CPU()
}

// counting returns each, counting the rows it is given for the log.
func (t *queryTimer) counting(each func(rowScanner) error) func(rowScanner) error {
	if t == nil || each == nil {
		return each
	}
	return func(r rowScanner) error {
		t.rows++
		return each(r)
	}
}

// done writes the query's line; it is called once the query has run (a query that fails is not logged).
func (t *queryTimer) done() {
	if t == nil {
		return
	}
	end, cpu := time.Now(), rusage.CPU()
	text := strings.Join(strings.Fields(t.query), " ")
	if len(text) > queryLogText {
		text = text[:queryLogText] + "…"
	}
	t.log.mu.Lock()
	defer t.log.mu.Unlock()
	fmt.Fprintf(t.log.w, "query ran %.3fs (process CPU %.3fs), read %d rows in %.3fs (process CPU %.3fs): %s\n",
		t.ran.Sub(t.start).Seconds(), (t.cpu1 - t.cpu0).Seconds(), t.rows, end.Sub(t.ran).Seconds(), (cpu - t.cpu1).Seconds(), text)
}
