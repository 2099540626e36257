package party

import (
	"bufio"
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readVariants reads testdata/variants.tsv: each variant with the label of the company it belongs to.
func readVariants(t *testing.T) ([]Variant, []string) {
	t.Helper()
	f, err := os.Open("testdata/variants.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []Variant
	var labels []string
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 9 {
			t.Fatalf("variants.tsv:%d: %d fields, want 9", n, len(c))
		}
		sh, err1 := strconv.ParseInt(c[7], 10, 64)
		co, err2 := strconv.ParseInt(c[8], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("variants.tsv:%d: bad line counts", n)
		}
		vs = append(vs, Variant{Name: c[1], NameEn: c[2], Country: c[3], ID: c[4], Address: c[5], AddressEn: c[6],
			ShipperLines: sh, ConsigneeLines: co, ValueUSD: float64(10 * (sh + co))})
		labels = append(labels, c[0])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs, labels
}

// Every company of the test data resolves to exactly one party, and no party holds two companies: the
// variants of similar names with different identifiers or countries stay apart.
func TestResolveSynthetic(t *testing.T) {
	in, inLabels := readVariants(t)
	label := map[string]string{}
	for i := range in {
		label[in[i].Key()] = inLabels[i]
	}
	r, err := Resolve(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vs := r.Variants
	partyOf := map[string]int{}
	labelOf := map[int]string{}
	for i := range vs {
		l := label[vs[i].Key()]
		p := r.Of[i]
		if q, ok := partyOf[l]; ok && q != p {
			t.Errorf("%s: variant %q is in party %d, another of its variants in %d", l, vs[i].Name, r.Parties[p].ID, r.Parties[q].ID)
		}
		partyOf[l] = p
		if m, ok := labelOf[p]; ok && m != l {
			t.Errorf("party %d holds %s and %s (variant %q)", r.Parties[p].ID, m, l, vs[i].Name)
		}
		labelOf[p] = l
	}
	if len(r.Parties) != len(partyOf) {
		t.Errorf("%d parties, want %d", len(r.Parties), len(partyOf))
	}
	if r.Stats.MergedByID == 0 || r.Stats.MergedByName == 0 || r.Stats.SplitByID == 0 {
		t.Errorf("stats %+v: want merges by identifier and by name and splits by identifier", r.Stats)
	}
	// the summary of the Russian importer
	s := r.Summary(partyOf["kosmos"])
	if s.Name != `ООО "КОСМОТЕХ"` || s.NameEn != "OOO KOSMOTEKH" || s.Country != "RU" {
		t.Errorf("summary name = %q (%q) %s, want the most frequent variant", s.Name, s.NameEn, s.Country)
	}
	if len(s.Identifiers) != 1 || s.Identifiers[0] != "7701234561" {
		t.Errorf("summary identifiers = %v, want [7701234561]", s.Identifiers)
	}
	if s.Lines != 73 || s.Roles[RoleConsignee] != 73 || s.Roles[RoleShipper] != 0 {
		t.Errorf("summary lines %d roles %v, want 73 as consignee", s.Lines, s.Roles)
	}
	for _, w := range []string{"kosmotekh", "космотех", "7701234561"} {
		if !strings.Contains(" "+s.Search+" ", " "+w+" ") {
			t.Errorf("summary search %q lacks %q", s.Search, w)
		}
	}
	if q := SearchWords("ЗАО «Космотех»"); q != "kosmotekh" {
		t.Errorf(`SearchWords("ЗАО «Космотех»") = %q, want kosmotekh`, q)
	}
}

// A party keeps its id when the data grows, as long as it keeps its lowest variant; the order of the input
// does not matter.
func TestResolveStableIDs(t *testing.T) {
	vs, labels := readVariants(t)
	ctx := context.Background()
	a, err := Resolve(ctx, slices.Clone(vs), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]Variant, len(vs))
	for i := range vs {
		rev[len(vs)-1-i] = vs[i]
	}
	rev = append(rev, Variant{Name: "OOO KOSMOTEKH", Country: "RU", ID: "7701234561", ConsigneeLines: 500})
	b, err := Resolve(ctx, rev, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	idOf := func(r *Result) map[string]int64 {
		m := map[string]int64{}
		for i := range r.Variants {
			m[r.Variants[i].Key()] = r.Parties[r.Of[i]].ID
		}
		return m
	}
	ida, idb := idOf(a), idOf(b)
	for i := range vs {
		k := vs[i].Key()
		if ida[k] == 0 || ida[k] != idb[k] {
			t.Errorf("%s: variant %q: party id %d, then %d", labels[i], vs[i].Name, ida[k], idb[k])
		}
	}
	added := Variant{Name: "OOO KOSMOTEKH", Country: "RU", ID: "7701234561"}
	known := Variant{Name: `ООО "КОСМОТЕХ"`, NameEn: "OOO KOSMOTEKH", Country: "RU", ID: "7701234561"}
	if idb[added.Key()] != ida[known.Key()] {
		t.Errorf("a new variant of a known identifier went to party %d, want %d", idb[added.Key()], ida[known.Key()])
	}
}

func TestCleanName(t *testing.T) {
	for _, c := range []struct{ name, addr, want string }{
		{"TOO EVRAZIYA KOMPONENTS 160370 G SHYMKENT UL ZHIBEK ZHOLY", "160370, G. SHYMKENT, UL. ZHIBEK ZHOLY, D. 4", "TOO EVRAZIYA KOMPONENTS"},
		{"OOO MOSKVA 2000", "G. MOSKVA, UL. MIRA, D. 2000", "OOO MOSKVA 2000"}, // the whole name would go: kept
		{"ZENIT SPB", "G. SPB, UL. MIRA, D. 1", "ZENIT SPB"},                   // one word, no number: kept
		{"ALFA", "", "ALFA"},
		{"OOO ELEKTRO 2000 190463 G SANKT-PETERBURG UL PUSHKINA", "", "OOO ELEKTRO 2000"},
		{"OOO ALFA 123456", "", "OOO ALFA 123456"}, // nothing follows the number: kept
	} {
		if got := cleanName(c.name, c.addr); got != c.want {
			t.Errorf("cleanName(%q, %q) = %q, want %q", c.name, c.addr, got, c.want)
		}
	}
}

func TestNormalizeID(t *testing.T) {
	for in, want := range map[string]string{"77-0123 4561": "7701234561", "0000000000": "", "12": "", " 91440300ma5x ": "91440300MA5X"} {
		if got := NormalizeID(in); got != want {
			t.Errorf("NormalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}
