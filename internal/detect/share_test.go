package detect

import (
	"context"
	"fmt"
	"testing"

	"tradetrace/internal/trade"
)

// sharing is a detector that reads "k" through Shared (when it names it, or when ask is set) and reports
// what it got as a finding's title.
type sharing struct {
	name  string
	names bool // names "k" as shared
	ask   bool // reads it
	reads *int
	got   *[]string
}

func (d sharing) Name() string    { return d.name }
func (d sharing) Version() string { return "1" }
func (d sharing) Shares() []string {
	if d.names {
		return []string{"k"}
	}
	return nil
}

func (d sharing) Detect(ctx context.Context, _ Source) ([]trade.Finding, error) {
	if !d.ask {
		return nil, nil
	}
	v, err := Shared(ctx, "k", func(context.Context) (string, error) {
		*d.reads++
		return fmt.Sprint("read ", *d.reads), nil
	})
	*d.got = append(*d.got, d.name+": "+v)
	return nil, err
}

type nullSink struct{}

func (nullSink) ReplaceFindings(context.Context, string, string, []trade.Finding) error { return nil }

// skipState says every detector but those in run is up to date.
type skipState struct{ run map[string]bool }

func (skipState) CurrentInput(context.Context) (Input, error) { return Input{}, nil }
func (s skipState) DetectorInput(_ context.Context, d string) (string, Input, int, bool, error) {
	return "1", Input{}, 0, !s.run[d], nil
}
func (skipState) SetDetectorInput(context.Context, string, string, Input, int) error { return nil }

// TestShared: a read that two detectors of a run name is read once, by the first, and handed to the second
// even with a detector between them; a detector that does not name it reads its own; a run with one detector
// that names it, or a skipped first one, reads it where it is needed; outside a run each call reads.
func TestShared(t *testing.T) {
	ctx := context.Background()
	run := func(opt Options, ds ...sharing) (int, []string) {
		t.Helper()
		reads, got := 0, []string{}
		var all []Detector
		for _, d := range ds {
			d.reads, d.got = &reads, &got
			all = append(all, d)
		}
		if _, err := RunWith(ctx, nil, nullSink{}, all, opt); err != nil {
			t.Fatal(err)
		}
		return reads, got
	}
	for _, c := range []struct {
		what  string
		opt   Options
		ds    []sharing
		reads int
		got   string
	}{
		{"two that share, one between", Options{},
			[]sharing{{name: "a", names: true, ask: true}, {name: "b"}, {name: "c", names: true, ask: true}},
			1, "[a: read 1 c: read 1]"},
		{"one that reads without naming it", Options{},
			[]sharing{{name: "a", names: true, ask: true}, {name: "b", ask: true}, {name: "c", names: true, ask: true}},
			2, "[a: read 1 b: read 2 c: read 1]"},
		{"alone", Options{}, []sharing{{name: "a", names: true, ask: true}}, 1, "[a: read 1]"},
		{"the first skipped", Options{State: skipState{run: map[string]bool{"c": true}}},
			[]sharing{{name: "a", names: true, ask: true}, {name: "c", names: true, ask: true}},
			1, "[c: read 1]"},
		{"three", Options{},
			[]sharing{{name: "a", names: true, ask: true}, {name: "b", names: true, ask: true}, {name: "c", names: true, ask: true}},
			1, "[a: read 1 b: read 1 c: read 1]"},
	} {
		reads, got := run(c.opt, c.ds...)
		if reads != c.reads || fmt.Sprint(got) != c.got {
			t.Errorf("%s: %d reads, got %v; want %d reads, %s", c.what, reads, got, c.reads, c.got)
		}
	}
	reads, got := 0, []string{}
	d := sharing{name: "a", names: true, ask: true, reads: &reads, got: &got}
	for range 2 {
		if _, err := d.Detect(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if reads != 2 {
		t.Errorf("outside a run: %d reads for two calls, want 2", reads)
	}
}

// TestSharesLetGo: a kept read goes when the last detector that names it has it, or has finished without
// asking for it.
func TestSharesLetGo(t *testing.T) {
	a := sharing{name: "a", names: true}
	b := sharing{name: "b", names: true}
	c := sharing{name: "c", names: true}
	sh := newShares([]Detector{a, b, c})
	get := func(d Detector) string {
		v, err := Shared(sh.sharing(context.Background(), d), "k", func(context.Context) (string, error) { return "v", nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	get(a) // a reads and keeps it
	sh.finished(a)
	if _, ok := sh.kept["k"]; !ok {
		t.Fatal("the read went before b and c had it")
	}
	sh.finished(b) // b never asked
	if _, ok := sh.kept["k"]; !ok {
		t.Fatal("the read went before c had it")
	}
	if get(c) != "v" {
		t.Fatal("c did not get the kept read")
	}
	if _, ok := sh.kept["k"]; ok {
		t.Error("the read is still kept after the last detector that names it has it")
	}
	sh2 := newShares([]Detector{a, b})
	if _, err := Shared(sh2.sharing(context.Background(), a), "k", func(context.Context) (string, error) { return "v", nil }); err != nil {
		t.Fatal(err)
	}
	sh2.finished(a)
	sh2.finished(b)
	if len(sh2.kept) != 0 {
		t.Errorf("kept %v after every detector that names it finished", sh2.kept)
	}
}
