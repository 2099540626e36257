package trade

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// marshalLists is what EncodeLists wrote before it had its own encoder: json.Marshal of each list, [] for none.
func marshalLists(t testing.TB, f *Finding) [4]string {
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	p, s, i, e := f.Parties, f.Shipments, f.ShipmentIDs, f.Evidence
	if p == nil {
		p = []FindingParty{}
	}
	if s == nil {
		s = []string{}
	}
	if i == nil {
		i = []ShipmentID{}
	}
	if e == nil {
		e = []Evidence{}
	}
	return [4]string{enc(p), enc(s), enc(i), enc(e)}
}

func checkLists(t testing.TB, f *Finding) {
	t.Helper()
	p, s, i, e := f.EncodeLists()
	if got, want := [4]string{p, s, i, e}, marshalLists(t, f); got != want {
		t.Fatalf("EncodeLists differs from json.Marshal:\n got %q\nwant %q", got, want)
	}
	// AppendLists writes the same four lists after what the buffer holds, tab-separated, and nothing in them
	// needs cleaning before a store writes them into a tab-separated file: valid UTF-8, no control character.
	got := string(f.AppendLists([]byte("x\t"), '\t'))
	if want := "x\t" + p + "\t" + s + "\t" + i + "\t" + e; got != want {
		t.Fatalf("AppendLists = %q, want %q", got, want)
	}
	lists := got[2:]
	if !utf8.ValidString(lists) || strings.Count(lists, "\t") != 3 || strings.ContainsFunc(lists, func(r rune) bool { return r < 0x20 && r != '\t' }) {
		t.Fatalf("AppendLists wrote text a tab-separated file cannot hold as it is: %q", lists)
	}
}

// TestListJSONMatchesMarshal: the hand-written encoder writes json.Marshal's bytes for every byte value, for
// invalid UTF-8, for the characters json escapes for HTML and JavaScript, and for lists empty, nil and full.
func TestListJSONMatchesMarshal(t *testing.T) {
	alphabet := []string{"a", "Я", "中", "\"", "\\", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "\x00", "\x1f",
		"\b", "\f", "\n", "\r", "\t", "\x7f", "é", "😀", " ", "'", "/"}
	for b := 0; b < 256; b++ {
		alphabet = append(alphabet, string([]byte{byte(b)}))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	str := func() string {
		n := rng.IntN(12)
		var s string
		for range n {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		return s
	}
	checkLists(t, &Finding{})
	checkLists(t, &Finding{Parties: []FindingParty{}, Shipments: []string{}, ShipmentIDs: []ShipmentID{}, Evidence: []Evidence{}})
	for range 20000 {
		f := &Finding{}
		for range rng.IntN(3) {
			f.Parties = append(f.Parties, FindingParty{Name: str(), Role: str(), Country: str(), ID: str()})
		}
		for range rng.IntN(3) {
			f.Shipments = append(f.Shipments, str())
		}
		for range rng.IntN(3) {
			f.ShipmentIDs = append(f.ShipmentIDs, ShipmentID(rng.Int64()-rng.Int64()))
		}
		for range rng.IntN(3) {
			f.Evidence = append(f.Evidence, Evidence{Label: str(), Value: str(), RecordID: str()})
		}
		checkLists(t, f)
	}
}

func FuzzListJSON(f *testing.F) {
	f.Add("NORINCO <arms> & \"co\"", "\xff\u2028\x00", int64(-7))
	f.Fuzz(func(t *testing.T, a, b string, id int64) {
		checkLists(t, &Finding{
			Parties:     []FindingParty{{Name: a, Role: b, Country: b}, {Name: b, ID: a}},
			Shipments:   []string{a, b},
			ShipmentIDs: []ShipmentID{ShipmentID(id)},
			Evidence:    []Evidence{{Label: a, Value: b, RecordID: a}, {Value: a}},
		})
	})
}
