// Package detect runs detectors over the shipments of a store and keeps their findings: each detector has a
// name and a version, reads the shipments it needs through a filter the store can push down, and raises findings
// with a score, a severity, an explanation and the evidence rows. A re-run replaces a detector's findings.
package detect

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/trade"
)

// Filter selects shipments in the store, so a detector reads only rows that can matter to it.
type Filter struct {
	// HSPrefixes keeps shipments whose national HS code starts with one of these (2, 4, 6, 8 or 10 digits).
	HSPrefixes []string
	// Countries keeps shipments whose destination or consignee country is one of these.
	Countries []country.Code
	From, To  time.Time // dates, inclusive; zero means open
	// Brief says the detector reads only a shipment's id, record id, date, parties' names, countries and
	// identifiers, its countries, HS code, description and figures: a store may leave the rest empty (addresses,
	// declaration and item numbers, direction, reporter, HS-6, English description, brand, maker, native value
	// and currency, provenance), for a cheaper scan.
	Brief bool
}

// Text is the free text of one shipment: what detectors that read descriptions need, without the rest.
type Text struct {
	ID            trade.ShipmentID
	Description   string
	DescriptionEn string
	Brand         string
	Manufacturer  string
}

// Source is what detectors read.
type Source interface {
	// ScanShipments calls fn for each shipment the filter selects, in no particular order: detectors that
	// need an order impose it.
	ScanShipments(ctx context.Context, f Filter, fn func(*trade.Shipment) error) error
	// ScanText calls fn with the text of each shipment the filter selects, in no particular order: a cheap
	// pass for detectors that read descriptions.
	ScanText(ctx context.Context, f Filter, fn func(*Text) error) error
	// Shipments calls fn for each of the shipments with these ids, in id order.
	Shipments(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error
}

// BriefReader is implemented by sources that read shipments by id with only the fields of a brief scan
// (Filter.Brief), for detectors that read many lines by id and little of each.
type BriefReader interface {
	// ShipmentsBrief calls fn for each of the shipments with these ids, in id order, with the fields of a brief
	// scan set.
	ShipmentsBrief(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error
}

// ShipmentsBrief reads the shipments with these ids as src.Shipments does, with only the fields of a brief scan
// when src is a BriefReader.
func ShipmentsBrief(ctx context.Context, src Source, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	if b, ok := src.(BriefReader); ok {
		return b.ShipmentsBrief(ctx, ids, fn)
	}
	return src.Shipments(ctx, ids, fn)
}

// Sink keeps findings.
type Sink interface {
	// ReplaceFindings stores a detector's findings in place of its previous ones, in one step.
	ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error
}

// Detector raises findings.
type Detector interface {
	Name() string
	Version() string
	Detect(ctx context.Context, src Source) ([]trade.Finding, error)
}

// Report says what one detector did.
type Report struct {
	Detector string
	Version  string
	Findings int
	Took     time.Duration
	// Stored is the part of Took spent storing the findings (ReplaceFindings).
	Stored time.Duration
	// Skipped is set when the detector did not run because its input had not changed since its last run: its
	// stored findings stand, and Findings counts them.
	Skipped bool
	// Beside is set when the detector ran beside others (Light): its Took overlaps theirs.
	Beside bool
}

// Input is what a detector's findings are computed on: the complete ingest runs of the store, and the
// detector's own key for anything else it reads.
type Input struct {
	MaxRun int64  // the highest id of a complete run, 0 when none
	Runs   int64  // the number of complete runs
	Extra  string // the detector's InputKey, "" for detectors that read only shipments
}

// State remembers what each detector's stored findings were computed on, so that Run can skip a detector whose
// input has not changed since (detectors run again after a new ingest, and only then).
type State interface {
	// CurrentInput returns the complete runs the store holds now (Extra empty).
	CurrentInput(ctx context.Context) (Input, error)
	// DetectorInput returns the version and input of a detector's stored findings, and their number; ok is
	// false when the detector never ran on this store.
	DetectorInput(ctx context.Context, detector string) (version string, in Input, findings int, ok bool, err error)
	// SetDetectorInput records them after a run.
	SetDetectorInput(ctx context.Context, detector, version string, in Input, findings int) error
}

// InputKeyer is implemented by detectors that read more than the shipments (a list version, resolved parties):
// the key changes when that input does, and a detector whose key changed runs again.
type InputKeyer interface {
	InputKey(ctx context.Context, src Source) (string, error)
}

// WithInputKey returns d with an input key (see InputKeyer), for wiring a detector that reads more than the
// shipments without changing it: detect.WithInputKey(listed.Detector{…}, store.ListsKey).
func WithInputKey(d Detector, key func(ctx context.Context) (string, error)) Detector {
	return keyedDetector{Detector: d, key: key}
}

type keyedDetector struct {
	Detector
	key func(ctx context.Context) (string, error)
}

func (k keyedDetector) InputKey(ctx context.Context, _ Source) (string, error) { return k.key(ctx) }

// Light reports whether the detector wrapped is light (Light), which its wrapping would hide.
func (k keyedDetector) Light() bool {
	l, ok := k.Detector.(Light)
	return ok && l.Light()
}

// Options tune RunWith.
type Options struct {
	// State, when set, makes the run incremental: a detector whose version and input are those of its stored
	// findings is skipped.
	State State
	// Force runs every detector, whatever the state says.
	Force bool
	// Rerun names detectors that run whatever the state says, as Force runs them all.
	Rerun map[string]bool
	// Done, when set, is called with each detector's report as it finishes: a long run shows its progress. It
	// is called for one detector at a time.
	Done func(Report)
	// Serial runs every detector in turn, also the Light ones (which otherwise run beside the others): the
	// process's CPU time between two reports is then the detector's own.
	Serial bool
}

// Light is implemented by detectors that can keep little in memory while they run, their work being mostly
// the store's queries; Light reports whether this one does. RunWith starts a light detector where it stands in
// the list and goes on with the next detectors without waiting for it: it runs beside them, on the core they
// leave idle in part, one light detector at a time.
type Light interface {
	Light() bool
}

// Run runs the detectors and replaces their findings in the sink. Findings are sorted by score, then key, so
// a re-run over the same data gives the same findings in the same order.
func Run(ctx context.Context, src Source, sink Sink, ds []Detector) ([]Report, error) {
	return RunWith(ctx, src, sink, ds, Options{})
}

// RunWith is Run with options: with a State, detectors whose input has not changed since their last run are
// skipped (reported with Skipped set), and the input of each detector that ran is recorded after its findings
// are stored. The detectors run in turn, except the Light ones (see Light and Options.Serial); their findings
// are stored, and Done called, one detector at a time in the order of ds, so that a re-run numbers them alike.
// The reports come in the order of ds; after an error, those of the detectors that finished.
func RunWith(ctx context.Context, src Source, sink Sink, ds []Detector, opt Options) ([]Report, error) {
	var cur Input
	if opt.State != nil {
		var err error
		if cur, err = opt.State.CurrentInput(ctx); err != nil {
			return nil, fmt.Errorf("detector state: %w", err)
		}
	}
	r := &runner{src: src, sink: sink, cur: cur, opt: opt, sh: newShares(ds), reps: make([]*Report, len(ds)),
		stored: make([]chan struct{}, len(ds))}
	for i := range r.stored {
		r.stored[i] = make(chan struct{})
	}
	ctx, r.cancel = context.WithCancel(ctx)
	defer r.cancel()
	var side chan int // the light detectors, in turn, on a goroutine of their own
	sideDone := make(chan struct{})
	for i, d := range ds {
		if r.failed() {
			break
		}
		if l, ok := d.(Light); ok && l.Light() && !opt.Serial {
			if side == nil {
				side = make(chan int, len(ds))
				go func() {
					defer close(sideDone)
					for j := range side {
						if !r.failed() {
							r.run(ctx, j, ds[j], true)
						}
					}
				}()
			}
			side <- i
			continue
		}
		r.run(ctx, i, d, false)
	}
	if side != nil {
		close(side)
		<-sideDone
	}
	var reps []Report
	for _, rep := range r.reps {
		if rep != nil {
			reps = append(reps, *rep)
		}
	}
	return reps, r.err
}

// runner is one RunWith: its detectors' reports, and the first error.
type runner struct {
	src    Source
	sink   Sink
	cur    Input
	opt    Options
	sh     *shares
	cancel context.CancelFunc
	stored []chan struct{} // closed when the detector at each place has stored its findings, or will not
	mu     sync.Mutex      // reps, err
	reps   []*Report
	err    error
}

// run runs the detector at ds[i] and keeps its report, or the run's first error (which stops the others).
func (r *runner) run(ctx context.Context, i int, d Detector, beside bool) {
	t := turn{mine: r.stored[i]}
	if i > 0 {
		t.prev = r.stored[i-1]
	}
	rep, err := runOne(r.sh.sharing(ctx, d), r.src, r.sink, d, r.cur, r.opt, t, beside)
	r.sh.finished(d)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		if r.err == nil {
			r.err = err
			r.cancel()
		}
		return
	}
	r.reps[i] = &rep
}

func (r *runner) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err != nil
}

// turn is a detector's place in the order of storing: it stores its findings, records its input and reports
// after the detector before it in the list has (or has been skipped, or has failed), whichever finishes its
// work first. Findings are numbered, and progress reported, in the order of the list.
type turn struct {
	prev, mine chan struct{} // prev nil for the first
}

// wait returns when the detector before has stored its findings, or ctx is done.
func (t turn) wait(ctx context.Context) error {
	if t.prev == nil {
		return nil
	}
	select {
	case <-t.prev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// runOne runs d as RunWith does (skipped when its input has not changed) and reports on it. It stores the
// findings, records the input and calls opt.Done in its turn, and ends the turn when it returns.
func runOne(ctx context.Context, src Source, sink Sink, d Detector, cur Input, opt Options, t turn, beside bool) (Report, error) {
	defer close(t.mine)
	start := time.Now()
	in := cur
	if opt.State != nil {
		if k, ok := d.(InputKeyer); ok {
			extra, err := k.InputKey(ctx, src)
			if err != nil {
				return Report{}, fmt.Errorf("detector %s: input key: %w", d.Name(), err)
			}
			in.Extra = extra
		}
		if !opt.Force && !opt.Rerun[d.Name()] {
			v, last, n, ok, err := opt.State.DetectorInput(ctx, d.Name())
			if err != nil {
				return Report{}, fmt.Errorf("detector %s: state: %w", d.Name(), err)
			}
			if ok && v == d.Version() && last == in {
				rep := Report{Detector: d.Name(), Version: d.Version(), Findings: n, Took: time.Since(start), Skipped: true, Beside: beside}
				if err := t.wait(ctx); err != nil {
					return Report{}, fmt.Errorf("detector %s: %w", d.Name(), err)
				}
				opt.done(rep)
				return rep, nil
			}
		}
	}
	fs, err := d.Detect(ctx, src)
	if err != nil {
		return Report{}, fmt.Errorf("detector %s: %w", d.Name(), err)
	}
	for i := range fs {
		fs[i].Detector, fs[i].DetectorVersion = d.Name(), d.Version()
		fs[i].Severity = trade.SeverityFor(fs[i].Score)
	}
	Sort(fs)
	waiting := time.Now()
	if err := t.wait(ctx); err != nil {
		return Report{}, fmt.Errorf("detector %s: %w", d.Name(), err)
	}
	storing := time.Now()
	start = start.Add(storing.Sub(waiting)) // Took leaves out the wait for the detector before
	if err := sink.ReplaceFindings(ctx, d.Name(), d.Version(), fs); err != nil {
		return Report{}, fmt.Errorf("detector %s: %w", d.Name(), err)
	}
	stored := time.Since(storing)
	if opt.State != nil {
		if err := opt.State.SetDetectorInput(ctx, d.Name(), d.Version(), in, len(fs)); err != nil {
			return Report{}, fmt.Errorf("detector %s: %w", d.Name(), err)
		}
	}
	rep := Report{Detector: d.Name(), Version: d.Version(), Findings: len(fs), Took: time.Since(start), Stored: stored, Beside: beside}
	opt.done(rep)
	return rep, nil
}

func (o Options) done(r Report) {
	if o.Done != nil {
		o.Done(r)
	}
}

// Sort orders findings by descending score, then by key; findings alike in both keep their order. It sorts their
// positions and then moves each finding once: findings are large, and sorting them in place moved each many
// times (1.1 s for the military detector's 378k findings).
func Sort(fs []trade.Finding) {
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &fs[a], &fs[b]
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(x.Key, y.Key)
	})
	sorted := make([]trade.Finding, len(fs))
	for i, j := range order {
		sorted[i] = fs[j]
	}
	copy(fs, sorted)
}
