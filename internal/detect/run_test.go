package detect

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tradetrace/internal/trade"
)

// stepping is a detector that logs its start and end; it can wait, before it ends, for an event of another.
type stepping struct {
	name  string
	light bool
	wait  string // the event ("b started") this one waits for, at most two seconds
	fail  bool
	log   *events
}

func (d stepping) Name() string    { return d.name }
func (d stepping) Version() string { return "1" }
func (d stepping) Light() bool     { return d.light }

func (d stepping) Detect(ctx context.Context, _ Source) ([]trade.Finding, error) {
	d.log.add(d.name + " started")
	if d.wait != "" {
		select {
		case <-d.log.seen(d.wait):
		case <-time.After(2 * time.Second):
			d.log.add(d.name + " gave up waiting for " + d.wait)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if d.fail {
		return nil, errors.New("broken")
	}
	d.log.add(d.name + " ended")
	return []trade.Finding{{Key: d.name, Score: 0.5}}, nil
}

// events is the log of a run, safe for the detectors' goroutines.
type events struct {
	mu    sync.Mutex
	lines []string
	waits map[string]chan struct{}
}

func (e *events) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lines = append(e.lines, s)
	close(e.seenLocked(s))
}

// seen returns a channel closed when the event is logged.
func (e *events) seen(s string) chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.seenLocked(s)
}

func (e *events) seenLocked(s string) chan struct{} {
	if e.waits == nil {
		e.waits = map[string]chan struct{}{}
	}
	c, ok := e.waits[s]
	if !ok {
		c = make(chan struct{})
		e.waits[s] = c
	}
	return c
}

// oneAtATime is a sink that counts the times a detector stores findings while another does, and logs their order.
type oneAtATime struct {
	in, overlaps atomic.Int32
	mu           sync.Mutex
	order        []string
}

func (s *oneAtATime) ReplaceFindings(_ context.Context, detector, _ string, _ []trade.Finding) error {
	s.mu.Lock()
	s.order = append(s.order, detector)
	s.mu.Unlock()
	if s.in.Add(1) > 1 {
		s.overlaps.Add(1)
	}
	defer s.in.Add(-1)
	time.Sleep(5 * time.Millisecond) // long enough for an overlap to show
	return nil
}

// TestRunWithLight: a light detector runs beside the detectors after it (it waits, here, for the next one to
// end, and sees it), except with Serial, where it ends before the next starts; a detector whose Light says
// false runs in turn. The reports come in the detectors' order with Beside set for the light one; findings are
// stored, and Done called, for one detector at a time in the detectors' order, also when the light one ends
// after the next.
func TestRunWithLight(t *testing.T) {
	for _, serial := range []bool{false, true} {
		log := &events{}
		ds := []Detector{
			stepping{name: "a", log: log},
			stepping{name: "light", light: true, wait: "b ended", log: log},
			stepping{name: "b", log: log},
			stepping{name: "notlight", light: false, log: log},
		}
		sink := &oneAtATime{}
		var inDone, doneOverlap atomic.Int32
		var done []string
		var mu sync.Mutex
		reps, err := RunWith(context.Background(), nil, sink, ds, Options{Serial: serial, Done: func(r Report) {
			if inDone.Add(1) > 1 {
				doneOverlap.Add(1)
			}
			defer inDone.Add(-1)
			mu.Lock()
			done = append(done, r.Detector)
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range reps {
			names = append(names, fmt.Sprintf("%s beside=%v findings=%d", r.Detector, r.Beside, r.Findings))
		}
		want := []string{"a beside=false findings=1", fmt.Sprintf("light beside=%v findings=1", !serial), "b beside=false findings=1", "notlight beside=false findings=1"}
		if !slices.Equal(names, want) {
			t.Errorf("serial %v: reports %q, want %q", serial, names, want)
		}
		order := []string{"a", "light", "b", "notlight"}
		if !slices.Equal(done, order) || !slices.Equal(sink.order, order) {
			t.Errorf("serial %v: Done called for %v, findings stored for %v; want both in the order %v", serial, done, sink.order, order)
		}
		if sink.overlaps.Load() > 0 || doneOverlap.Load() > 0 {
			t.Errorf("serial %v: findings stored beside another detector's %d times, Done overlapped %d times", serial, sink.overlaps.Load(), doneOverlap.Load())
		}
		gaveUp := slices.Contains(log.lines, "light gave up waiting for b ended")
		if gaveUp != serial {
			t.Errorf("serial %v: the light detector saw b end before it ended: %v; log %q", serial, !gaveUp, log.lines)
		}
		// The detector after the light one, and the one that is not light, start after their predecessors end.
		if i, j := slices.Index(log.lines, "a ended"), slices.Index(log.lines, "b started"); i < 0 || j < i {
			t.Errorf("serial %v: b started before a ended: %q", serial, log.lines)
		}
		if i, j := slices.Index(log.lines, "b ended"), slices.Index(log.lines, "notlight started"); i < 0 || j < i {
			t.Errorf("serial %v: notlight started before b ended: %q", serial, log.lines)
		}
	}
}

// TestRunWithLightFails: a light detector's error ends the run with that error, stops the detector running
// beside it, and no detector after them starts; the reports are those of the detectors that finished.
func TestRunWithLightFails(t *testing.T) {
	log := &events{}
	ds := []Detector{
		stepping{name: "a", log: log},
		stepping{name: "light", light: true, fail: true, log: log},
		stepping{name: "b", wait: "never started", log: log},
		stepping{name: "c", log: log},
	}
	reps, err := RunWith(context.Background(), nil, nullSink{}, ds, Options{})
	if err == nil || err.Error() != "detector light: broken" {
		t.Fatalf("err = %v, want the light detector's", err)
	}
	if len(reps) != 1 || reps[0].Detector != "a" {
		t.Errorf("reports %+v, want a's alone", reps)
	}
	if slices.Contains(log.lines, "c started") || slices.Contains(log.lines, "b gave up waiting for never started") {
		t.Errorf("the run went on after the light detector failed: %q", log.lines)
	}
}
