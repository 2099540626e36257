package front

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

// Thresholds of the signals.
const (
	minEarlyValue     = 1e6 // USD in the first three months that make a new party large
	earlyOverMedian   = 20  // … and this many times the median party's first three months
	minAtAddress      = 3   // parties at one address
	minMixLines       = 5   // lines in each period to compare goods mixes
	minMixChange      = 0.8 // total-variation distance between the mixes
	minNetwork        = 5   // consignees of one hub company
	minNewInNetwork   = 0.5 // share of them first seen after the cutoff
	maxExampleRecords = 25
	leadMonths        = 6 // months of data before the cutoff needed to call a party new
)

// party is one party, keyed, with the sums of its appearances.
type party struct {
	key         string
	p           Party
	first, last time.Time
	lines       int64
	value       float64
	early       float64
	earlyLines  int64
	hp          float64
	examples    []Example
	addresses   map[string]bool
}

type analysis struct {
	keys    *decl.Keyer
	cutoff  time.Time
	lead    bool
	parties map[string]*party // role|key
	order   []string
	apps    []Appearance
}

func (a *analysis) key(p *Party) string {
	tp := p.trade()
	k := a.keys.Key(&tp)
	if k == "" {
		return ""
	}
	return p.Role + "|" + k
}

func newAnalysis(ctx context.Context, memo decl.KeyMemo, apps []Appearance, cutoff time.Time) (*analysis, error) {
	sort.Slice(apps, func(i, j int) bool {
		x, y := &apps[i], &apps[j]
		if x.ID != y.ID {
			return x.ID > y.ID
		}
		if x.Role != y.Role {
			return x.Role < y.Role
		}
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		if x.NameEn != y.NameEn {
			return x.NameEn < y.NameEn
		}
		return x.Address < y.Address
	})
	a := &analysis{keys: decl.NewKeyer(), cutoff: cutoff, parties: map[string]*party{}, apps: apps}
	tps := make([]trade.Party, len(apps))
	for i := range apps {
		tps[i] = apps[i].trade()
	}
	if _, err := a.keys.Warm(ctx, memo, tps); err != nil {
		return nil, err
	}
	var start time.Time
	for i := range apps {
		a.keys.Learn(&tps[i])
		if start.IsZero() || apps[i].First.Before(start) {
			start = apps[i].First
		}
	}
	a.lead = !start.IsZero() && !start.After(cutoff.AddDate(0, -leadMonths, 0))
	for i := range apps {
		ap := &apps[i]
		k := a.key(&ap.Party)
		if k == "" {
			continue
		}
		p := a.parties[k]
		if p == nil {
			p = &party{key: k, p: ap.Party, first: ap.First, last: ap.Last, addresses: map[string]bool{}}
			a.parties[k] = p
			a.order = append(a.order, k)
		}
		switch {
		case ap.First.Before(p.first):
			// An earlier appearance: the first three months start over from it.
			p.first, p.early, p.earlyLines = ap.First, 0, 0
			fallthrough
		case ap.First.Before(p.first.AddDate(0, 3, 0)):
			p.early += ap.EarlyValue
			p.earlyLines += ap.EarlyLines
		}
		if ap.Last.After(p.last) {
			p.last = ap.Last
		}
		p.lines += ap.Lines
		p.value += ap.Value
		p.hp += ap.HPValue
		p.examples = append(p.examples, ap.FirstLine)
		if ap.Address != "" {
			p.addresses[ap.Address] = true
		}
	}
	sort.Strings(a.order)
	return a, nil
}

// finding builds a finding with the common parts.
func finding(signal, key string, score float64, title, expl string, parties []trade.FindingParty, ev []trade.Evidence, ex []Example, value float64) trade.Finding {
	seen := map[trade.ShipmentID]string{}
	for _, e := range ex {
		if e.RecordID != "" {
			seen[e.ID] = e.RecordID
		}
	}
	var ids []trade.ShipmentID
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if len(ids) > maxExampleRecords {
		ids = ids[:maxExampleRecords]
	}
	var recs []string
	for _, id := range ids {
		recs = append(recs, seen[id])
		ev = append(ev, trade.Evidence{Label: "example line", Value: seen[id], RecordID: seen[id]})
	}
	sort.Strings(recs)
	return trade.Finding{Key: "front_company|" + signal + "|" + key, Score: decl.Round3(math.Min(0.95, score)), Title: title,
		Explanation: expl, Parties: parties, Shipments: recs, ShipmentIDs: ids, Evidence: ev, ValueUSD: value}
}

func fparty(p *Party) trade.FindingParty {
	return trade.FindingParty{Name: decl.Display(p.trade()), Role: p.Role, Country: string(p.Country), ID: p.ID}
}

// newLarge raises parties first seen after the cutoff that moved much in their first three months.
func (a *analysis) newLarge() []trade.Finding {
	if !a.lead {
		return nil
	}
	var early []float64
	for _, k := range a.order {
		early = append(early, a.parties[k].early)
	}
	sort.Float64s(early)
	median := early[len(early)/2]
	var out []trade.Finding
	for _, k := range a.order {
		p := a.parties[k]
		if p.first.Before(a.cutoff) || p.early < minEarlyValue || p.early < earlyOverMedian*median {
			continue
		}
		vol := decl.Clamp((math.Log10(p.early) - 6) / 2)
		score := 0.4 + 0.25*vol + 0.2*p.hp/math.Max(p.value, 1)
		name := decl.Display(p.p.trade())
		title := fmt.Sprintf("New %s moving large volumes at once: %s, %s, first seen %s ($%s in its first three months)",
			p.p.Role, name, country.Name(p.p.Country), p.first.Format("2006-01-02"), decl.Num(p.early))
		expl := fmt.Sprintf("%s first appears on %s, after %s, and moves $%s in %d line(s) in its first three months, "+
			"%.0f times the median party's first three months ($%s). In all: %d line(s), $%s, of which $%s high-priority goods.",
			name, p.first.Format("2 January 2006"), a.cutoff.Format("2 January 2006"), decl.Num(p.early), p.earlyLines,
			p.early/math.Max(median, 1), decl.Num(median), p.lines, decl.Num(p.value), decl.Num(p.hp))
		ev := []trade.Evidence{
			{Label: "first seen", Value: p.first.Format("2006-01-02")},
			{Label: "first three months (USD)", Value: decl.Num(p.early)},
			{Label: "median party, first three months (USD)", Value: decl.Num(median)},
			{Label: "all lines", Value: fmt.Sprintf("%d, $%s", p.lines, decl.Num(p.value))},
		}
		out = append(out, finding("new_large", k, score, title, expl, []trade.FindingParty{fparty(&p.p)}, ev, p.examples, p.early))
	}
	return out
}

// normAddress keeps the letters and digits of an address, upper-cased, one space between words: the
// punctuation and spacing of one address differ from line to line.
func normAddress(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// sharedAddress raises addresses where several parties (by identifier or name) are registered.
func (a *analysis) sharedAddress() []trade.Finding {
	type place struct {
		addr    string
		country country.Code
		parties map[string]*party
		raw     string
	}
	places := map[string]*place{}
	for i := range a.apps {
		ap := &a.apps[i]
		n := normAddress(ap.Address)
		if len(n) < 12 { // a city alone is no address
			continue
		}
		k := a.key(&ap.Party)
		p := a.parties[k]
		if p == nil {
			continue
		}
		pk := string(ap.Country) + "|" + n
		pl := places[pk]
		if pl == nil {
			pl = &place{addr: n, country: ap.Country, parties: map[string]*party{}, raw: ap.Address}
			places[pk] = pl
		}
		// Role apart: a company that ships and receives is one party.
		pl.parties[strings.SplitN(k, "|", 2)[1]] = p
	}
	prepared := map[string]names.Name{}
	prep := func(s string) names.Name {
		n, ok := prepared[s]
		if !ok {
			n = names.Prepare(s, names.Options{Kind: names.KindOrganization})
			prepared[s] = n
		}
		return n
	}
	var out []trade.Finding
	for pk, pl := range places {
		if len(pl.parties) < minAtAddress {
			continue
		}
		var all []string
		for k := range pl.parties {
			all = append(all, k)
		}
		sort.Strings(all)
		// Spellings of one company without an identifier are one party: keep one key per company.
		var keys []string
		for _, k := range all {
			p := pl.parties[k]
			dup := false
			for _, k2 := range keys {
				q := pl.parties[k2]
				if (p.p.ID == "" || q.p.ID == "") && sameCompany(prep(p.p.trade().DisplayName()), prep(q.p.trade().DisplayName())) {
					dup = true
					break
				}
			}
			if !dup {
				keys = append(keys, k)
			}
		}
		if len(keys) < minAtAddress {
			continue
		}
		var fps []trade.FindingParty
		var ex []Example
		var value float64
		var list []string
		for _, k := range keys {
			p := pl.parties[k]
			fps = append(fps, fparty(&p.p))
			ex = append(ex, p.examples...)
			value += p.value
			list = append(list, decl.Display(p.p.trade()))
		}
		score := 0.3 + 0.08*float64(len(keys)-minAtAddress) + 0.1*decl.Clamp((math.Log10(1+value)-5)/2)
		title := fmt.Sprintf("%d parties at one address: %s", len(keys), pl.raw)
		expl := fmt.Sprintf("%d parties (by identifier, or by name when none is given) use the address %q (%s): %s. Together they moved $%s.",
			len(keys), pl.raw, country.Name(pl.country), strings.Join(list, "; "), decl.Num(value))
		ev := []trade.Evidence{{Label: "address", Value: pl.raw}, {Label: "parties", Value: fmt.Sprint(len(keys))}}
		out = append(out, finding("shared_address", pk, score, title, expl, fps, ev, ex, value))
	}
	return out
}

// sharedID raises identifiers written with names that are not variants of one another. Names written on one
// appearance (a name and its English rendering) belong together; so do names the name engine matches.
func (a *analysis) sharedID() []trade.Finding {
	type holder struct {
		names []string
		ex    Example
		p     Party
	}
	byID := map[string][]holder{}
	var ids []string
	for i := range a.apps {
		ap := &a.apps[i]
		id := decl.IDKey(ap.ID, ap.Country)
		if id == "" {
			continue
		}
		var ns []string
		for _, n := range []string{ap.Name, ap.NameEn} {
			if n != "" {
				ns = append(ns, n)
			}
		}
		if len(ns) == 0 {
			continue
		}
		if _, ok := byID[id]; !ok {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], holder{names: ns, ex: ap.FirstLine, p: ap.Party})
	}
	sort.Strings(ids)
	prepared := map[string]names.Name{}
	prep := func(s string) names.Name {
		n, ok := prepared[s]
		if !ok {
			n = names.Prepare(s, names.Options{Kind: names.KindOrganization})
			prepared[s] = n
		}
		return n
	}
	var out []trade.Finding
	for _, id := range ids {
		hs := byID[id]
		if len(hs) < 2 {
			continue
		}
		parent := make([]int, len(hs))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				i = parent[i]
			}
			return i
		}
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				if find(i) == find(j) {
					continue
				}
			pairs:
				for _, x := range hs[i].names {
					for _, y := range hs[j].names {
						if sameCompany(prep(x), prep(y)) {
							parent[find(j)] = find(i)
							break pairs
						}
					}
				}
			}
		}
		clusters := map[int][]holder{}
		for i := range hs {
			clusters[find(i)] = append(clusters[find(i)], hs[i])
		}
		if len(clusters) < 2 {
			continue
		}
		var list []string
		var fps []trade.FindingParty
		var ex []Example
		for _, c := range clusters {
			list = append(list, c[0].names[0])
			fps = append(fps, trade.FindingParty{Name: c[0].names[0], Role: c[0].p.Role, Country: string(c[0].p.Country), ID: c[0].p.ID})
			for _, h := range c {
				ex = append(ex, h.ex)
			}
		}
		sort.Strings(list)
		sort.Slice(fps, func(i, j int) bool { return fps[i].Name < fps[j].Name })
		score := 0.3 + 0.08*float64(min(len(clusters)-2, 3))
		title := fmt.Sprintf("One identifier, %d companies: %s", len(clusters), strings.Join(list, " / "))
		expl := fmt.Sprintf("The identifier %s is written with names that are not variants of one another: %s.",
			strings.TrimPrefix(id, "i:"), strings.Join(list, "; "))
		ev := []trade.Evidence{{Label: "identifier", Value: strings.TrimPrefix(id, "i:")}, {Label: "names", Value: strings.Join(list, "; ")}}
		out = append(out, finding("shared_id", id, score, title, expl, fps, ev, ex, 0))
	}
	return out
}

// sameCompany reports whether two names under one identifier are renderings of one company: the name engine
// matches them, they share a word ("NOBLE BRIDGE GEN TRDG" and "NOBLE BRIDGE GENERAL TRADING"), or one is
// not in Latin script (a Chinese or Cyrillic name beside its English translation is no second company).
func sameCompany(a, b names.Name) bool {
	if a.Raw() == b.Raw() || !latin(a.Raw()) || !latin(b.Raw()) {
		return true
	}
	words := map[string]bool{}
	for _, t := range a.Tokens() {
		if t.Role == names.RoleWord && len(t.Key) >= 3 {
			words[t.Key] = true
		}
	}
	for _, t := range b.Tokens() {
		if t.Role == names.RoleWord && words[t.Key] {
			return true
		}
	}
	return names.Compare(a, b).Value >= 0.5
}

// latin reports whether most letters of s are Latin.
func latin(s string) bool {
	var l, other int
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				l++
			} else {
				other++
			}
		}
	}
	return l >= other
}
