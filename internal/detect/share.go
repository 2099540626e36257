package detect

import (
	"context"
	"slices"
	"sync"
)

// Sharer is a detector that reads what other detectors of a run read too, and names those reads: RunWith keeps
// a read made through Shared under one of these names for the detectors of the run that name it after the
// first, so that it is read once.
type Sharer interface {
	Shares() []string
}

// Shared returns the read named key: the one kept by an earlier detector of the run, else read(ctx)'s. RunWith
// keeps it while a detector of the run that names key (Sharer) has still to ask for it, and lets it go when
// the last one has it or has finished without asking; outside RunWith, or when no later detector names key,
// it is read and not kept; a detector that does not name key reads its own. What Shared
// returns is common to the detectors: they must not change it.
func Shared[T any](ctx context.Context, key string, read func(context.Context) (T, error)) (T, error) {
	a, _ := ctx.Value(sharesKey{}).(asker)
	if a.sh == nil || !slices.Contains(sharesOf(a.d), key) {
		return read(ctx)
	}
	sh := a.sh
	sh.mu.Lock()
	v, ok := sh.kept[key]
	keep := sh.left[key] > 1 // the detector asking is one of them
	if ok && !keep {
		delete(sh.kept, key) // the last to want it has it
	}
	sh.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	t, err := read(ctx)
	if err == nil && keep {
		sh.mu.Lock()
		sh.kept[key] = t
		sh.mu.Unlock()
	}
	return t, err
}

// shares are the reads kept for the detectors of one run.
type shares struct {
	mu   sync.Mutex
	left map[string]int // detectors still to finish that name each read
	kept map[string]any
}

type sharesKey struct{}

// asker is the detector running, with the reads of its run: RunWith's context carries it.
type asker struct {
	sh *shares
	d  Detector
}

// sharing returns ctx for d's run in RunWith.
func (sh *shares) sharing(ctx context.Context, d Detector) context.Context {
	return context.WithValue(ctx, sharesKey{}, asker{sh, d})
}

func sharesOf(d Detector) []string {
	if s, ok := d.(Sharer); ok {
		return s.Shares()
	}
	return nil
}

// newShares counts the detectors of ds that name each read.
func newShares(ds []Detector) *shares {
	sh := &shares{left: map[string]int{}, kept: map[string]any{}}
	for _, d := range ds {
		for _, k := range sharesOf(d) {
			sh.left[k]++
		}
	}
	return sh
}

// finished counts d as done, and lets go of the reads no detector still to finish names.
func (sh *shares) finished(d Detector) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for _, k := range sharesOf(d) {
		if sh.left[k]--; sh.left[k] <= 0 {
			delete(sh.kept, k)
		}
	}
}
