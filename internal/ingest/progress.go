package ingest

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress prints a one-line counter to a terminal, at most a few times a second.
type progress struct {
	w     io.Writer
	name  string
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, name string) *progress {
	if w == nil {
		return &progress{}
	}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			return &progress{} // not a terminal: no progress lines in logs
		}
	}
	now := time.Now()
	return &progress{w: w, name: Describe(name), start: now, last: now}
}

func (p *progress) update(rows int64) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%s: %d rows read, %.0f rows/s, %.0fs", p.name, rows, float64(rows)/el, el)
}

func (p *progress) done(rows int64) {
	if p.w == nil {
		return
	}
	el := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%s: %d rows read in %.1fs, loading…\n", p.name, rows, el)
}
