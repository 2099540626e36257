package screen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"tradetrace/internal/names"
)

// pinned is, for each Version of screening with the name engine's version, a hash of what the queries of
// TestScreeningPinned return.
var pinned = map[string]string{
	"screen-1 names-1": "516ccb72f82eb2a6",
}

// TestScreeningPinned screens a fixed set of queries against every shared list and compares a hash of the
// matches (entries, names and scores to six places) with the one pinned for Version and names.Version.
// Screenings are kept between runs under these versions (the listed-party detector's memo): when this test
// fails, a change made matches differ, and Version (or names.Version) must change with it, with the new hash
// pinned under the new versions.
func TestScreeningPinned(t *testing.T) {
	ix := realIndex(t)
	var qs []Query
	step := len(ix.ents) / 120
	for i := 0; i < len(ix.ents); i += step {
		e := ix.ents[i]
		if len(e.Names) == 0 {
			continue
		}
		n := e.Names[0].Value
		qs = append(qs, Query{Name: n}, Query{Name: "OOO " + n, Party: true, Top: 5, MinScore: 0.7},
			Query{Name: strings.ToLower(n) + " trading", Kind: names.KindOrganization, Countries: []string{"AE"}})
		for _, id := range e.Identifiers {
			qs = append(qs, Query{Name: n + " LLC", Identifiers: []names.Identifier{{Value: id.Value}}})
		}
	}
	for _, n := range nonMatching {
		qs = append(qs, Query{Name: n, Party: true, MinScore: -1, Top: 3})
	}
	h := sha256.New()
	matched := 0
	for i, ms := range ix.ScreenAll(qs, 0) {
		fmt.Fprintf(h, "%q\n", qs[i].Name)
		for _, m := range ms {
			fmt.Fprintf(h, "\t%s|%s|%q|%v|%.6f\n", m.List, m.SourceID, m.Name, m.NameKind, m.Score.Value)
		}
		if len(ms) > 0 {
			matched++
		}
	}
	if matched < len(qs)/3 {
		t.Fatalf("%d of %d queries match: too few for the hash to say much", matched, len(qs))
	}
	got := hex.EncodeToString(h.Sum(nil))[:16]
	v := Version + " " + names.Version
	if want, ok := pinned[v]; !ok || got != want {
		t.Errorf("screening %s: %d queries (%d matching) hash to %s, pinned %q: matches changed, so Version (or names.Version) must change, with this hash pinned under it",
			v, len(qs), matched, got, want)
	}
}
