package listed_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect/listed"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// memoStore is the test store with the DuckDB store's memo, counting what the memo hands over and keeps.
type memoStore struct {
	store
	key        string
	read, kept int
}

func (m *memoStore) Screenings(ctx context.Context, key string, fn func(listed.Screening) error) error {
	m.key = key
	return m.db.Screenings(ctx, key, func(s listed.Screening) error {
		m.read++
		return fn(s)
	})
}

func (m *memoStore) KeepScreenings(ctx context.Context, key string, add []listed.Screening, replace bool) error {
	m.kept += len(add)
	return m.db.KeepScreenings(ctx, key, add, replace)
}

// TestMemo: with a store that keeps screenings, a first run screens every query and keeps it, a second screens
// none and answers them all from the memo, and both find what a run without a memo finds. The answers do come
// from the memo (emptied, it makes the detector find nothing) unless the detector rescreens, which replaces the
// memo; and a detector with another threshold has another key: it ignores the memo, and keeping its own
// screenings drops the others.
func TestMemo(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	load(t, st, testEntities)
	detectWith := func(s listed.Store, minScore float64) []trade.Finding {
		t.Helper()
		fs, err := listed.Detector{Store: s, MinScore: minScore}.Detect(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	want := detectWith(store{st}, 0)
	if len(want) == 0 {
		t.Fatal("no findings without a memo: the test proves nothing")
	}
	first := &memoStore{store: store{st}}
	if d := cmp.Diff(want, detectWith(first, 0)); d != "" {
		t.Errorf("first run with a memo (-without +with):\n%s", d)
	}
	if first.read != 0 || first.kept == 0 {
		t.Errorf("first run: %d screenings read, %d kept; want none read and some kept", first.read, first.kept)
	}
	second := &memoStore{store: store{st}}
	if d := cmp.Diff(want, detectWith(second, 0)); d != "" {
		t.Errorf("second run with a memo (-without +with):\n%s", d)
	}
	if second.read != first.kept || second.kept != 0 {
		t.Errorf("second run: %d screenings read, %d kept; want the first run's %d read and none kept", second.read, second.kept, first.kept)
	}

	// a run the memo answers in full builds no index; one that screens builds it
	var quiet, screening strings.Builder
	if _, err := (listed.Detector{Store: &memoStore{store: store{st}}, Log: &quiet}).Detect(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := (listed.Detector{Store: store{st}, Log: &screening}).Detect(ctx, st); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(quiet.String(), "not indexed") || !strings.Contains(screening.String(), "indexed in") {
		t.Errorf("logs:\n%s\nwant the memo's run not to index the lists and the run without a memo to index them, in:\n%s",
			quiet.String(), screening.String())
	}

	// the memo's answers, emptied: no query matches any more
	var held []listed.Screening
	if err := st.Screenings(ctx, first.key, func(s listed.Screening) error {
		s.Matches = ""
		held = append(held, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.KeepScreenings(ctx, "another key", nil, false); err != nil { // drops everything under first.key
		t.Fatal(err)
	}
	if err := st.KeepScreenings(ctx, first.key, held, false); err != nil {
		t.Fatal(err)
	}
	if fs := detectWith(&memoStore{store: store{st}}, 0); len(fs) != 0 {
		t.Errorf("with every screening kept as no match, %d findings; want none (the memo is not read)", len(fs))
	}

	// rescreening ignores the emptied memo and replaces it: the next run finds what a run without a memo finds
	re := &memoStore{store: store{st}}
	fs, err := listed.Detector{Store: re, Rescreen: true}.Detect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, fs); d != "" {
		t.Errorf("rescreening (-without memo +rescreened):\n%s", d)
	}
	after := &memoStore{store: store{st}}
	if d := cmp.Diff(want, detectWith(after, 0)); d != "" {
		t.Errorf("the run after rescreening (-without memo +with):\n%s", d)
	}
	if re.read != 0 || re.kept != first.kept || after.read != first.kept {
		t.Errorf("rescreening read %d and kept %d, the run after read %d; want 0, %d and %d", re.read, re.kept, after.read, first.kept, first.kept)
	}

	// another threshold, another key
	other := &memoStore{store: store{st}}
	detectWith(other, 0.8)
	if other.key == first.key || other.read != 0 || other.kept == 0 {
		t.Errorf("threshold 0.8: key %q (the first %q), %d read, %d kept; want a new key, none read, some kept", other.key, first.key, other.read, other.kept)
	}
	n := 0
	if err := st.Screenings(ctx, first.key, func(listed.Screening) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d screenings still kept under the first key; want them dropped", n)
	}
}

// brokenMemo is a memo whose reading fails.
type brokenMemo struct{ memoStore }

func (brokenMemo) Screenings(context.Context, string, func(listed.Screening) error) error {
	return errors.New("the memo is unreadable")
}

// TestMemoFails: the memo's error comes back from the detector, which found nothing.
func TestMemoFails(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	load(t, st, testEntities)
	fs, err := listed.Detector{Store: &brokenMemo{memoStore{store: store{st}}}}.Detect(ctx, st)
	if err == nil || !strings.Contains(err.Error(), "the memo is unreadable") || fs != nil {
		t.Errorf("got %d findings, error %v; want none and the memo's error", len(fs), err)
	}
}

var _ listed.Memo = (*duckdb.DB)(nil)
