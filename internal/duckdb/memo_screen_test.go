package duckdb

import (
	"context"
	"math"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect/listed"
)

// TestKeepScreenings: screenings come back as kept, hashes with the high bit set and matches whose JSON holds
// quotes, backslashes and Cyrillic included; more are added under the same key, a new key drops the old, and
// replacing drops those of the same key too.
func TestKeepScreenings(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/m.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	read := func(key string) []listed.Screening {
		t.Helper()
		var out []listed.Screening
		if err := d.Screenings(ctx, key, func(s listed.Screening) error {
			out = append(out, s)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Hash[0] < out[j].Hash[0] })
		return out
	}
	first := []listed.Screening{
		{Hash: [2]uint64{1, math.MaxUint64}},
		{Hash: [2]uint64{1 << 63, 7}, Matches: `[{"Name":"ООО \"Вега\" \\ \\N","Score":{"Value":0.7123456789012345}}]`},
	}
	if err := d.KeepScreenings(ctx, "k1", first, false); err != nil {
		t.Fatal(err)
	}
	more := []listed.Screening{{Hash: [2]uint64{5, 5}, Matches: `[]`}}
	if err := d.KeepScreenings(ctx, "k1", more, false); err != nil {
		t.Fatal(err)
	}
	want := []listed.Screening{first[0], more[0], first[1]}
	if diff := cmp.Diff(want, read("k1")); diff != "" {
		t.Errorf("screenings under k1 (-kept +read):\n%s", diff)
	}
	if got := read("k2"); len(got) != 0 {
		t.Errorf("%d screenings under a key never kept", len(got))
	}
	if err := d.KeepScreenings(ctx, "k2", more, false); err != nil {
		t.Fatal(err)
	}
	if got := read("k1"); len(got) != 0 {
		t.Errorf("%d screenings left under k1 after keeping some under k2; want none", len(got))
	}
	if diff := cmp.Diff(more, read("k2")); diff != "" {
		t.Errorf("screenings under k2 (-kept +read):\n%s", diff)
	}
	// replacing: only the new ones stay, under the same key too
	again := []listed.Screening{{Hash: [2]uint64{9, 9}}}
	if err := d.KeepScreenings(ctx, "k2", again, true); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(again, read("k2")); diff != "" {
		t.Errorf("screenings under k2 after replacing them (-kept +read):\n%s", diff)
	}
}
