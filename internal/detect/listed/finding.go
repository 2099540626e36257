package listed

import (
	"fmt"
	"sort"
	"strings"

	"tradetrace/internal/detect"
	"tradetrace/internal/hs"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// topicRank is how high a listing ranks: state defence companies, military end users and suppliers of Russia's
// military-industrial complex first, then sanctions, export controls, and the PRC's counter-sanctions (which
// list Western defence firms, not the parties this product looks for) far below.
var topicRank = map[trade.Topic]float64{
	trade.TopicStateDefence: 1, trade.TopicMilitaryEndUser: 1, trade.TopicMilitaryComplex: 1,
	trade.TopicSanction: 0.9, trade.TopicExportControl: 0.85, trade.TopicCounterSanction: 0.35,
}

// roleRank: a party named as shipper or consignee is surer than a brand or a maker read from the goods.
var roleRank = map[string]float64{"shipper": 1, "consignee": 1, "manufacturer": 0.95, "brand": 0.9}

// priority is a match's weight for ranking: its score times the rank of its heaviest topic.
func priority(m screen.Match) float64 {
	r := 0.0
	for _, t := range m.Topics {
		w, ok := topicRank[t]
		if !ok {
			w = 0.6
		}
		r = max(r, w)
	}
	return m.Score.Value * r
}

// goodsLift is how much of the gap to 1 a listed party's heaviest goods of a controlled class close, times their
// weight and the share of its lines that carry such goods: two drones on two lines (weight 0.85) close about
// 60 %; a trader with 18,000 lines of which a tenth are hunting rifles, a tenth of that (at 10M rows, lifting
// by any controlled line put big traders that weak name matches tie to a list at the top). Dual-use goods that
// are only on the Common High Priority List are named but do not lift the score: buying them is what most
// listed importers are found doing, so they do not tell one listed party from another (lifting them too pushed
// planted hub chains out of the top cases).
const goodsLift = 0.7

// maxEvidenceLines is how many shipment lines a finding cites in its evidence (all are in its shipments).
const maxEvidenceLines = 25

// component is a set of party names in one role that match the same list entries: one listed party.
type component struct {
	role  string
	names []screened
}

// group joins, role by role, the party names that share a matched list entry, so that the variants of one
// company ("АО РОСОБОРОНЭКСПОРТ", "ROSOBORONEXPORT JSC") make one finding. Names join only through their best
// match and their strong ones (see joining): on a 10M-row store, weaker second matches chained ten unrelated
// Russian consignees into one finding of 226,345 lines.
func group(ss []screened) []component {
	parent := make([]int, len(ss))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byEntity := map[string]int{}
	for i, s := range ss {
		for _, h := range joining(s.hits) {
			k := s.name.Role + "\x00" + fmt.Sprint(h.m.Entity)
			if j, ok := byEntity[k]; ok {
				parent[find(i)] = find(j)
			} else {
				byEntity[k] = i
			}
		}
	}
	idx := map[int]int{}
	var out []component
	for i, s := range ss {
		r := find(i)
		c, ok := idx[r]
		if !ok {
			c = len(out)
			idx[r] = c
			out = append(out, component{role: s.name.Role})
		}
		out[c].names = append(out[c].names, s)
	}
	return out
}

// strongJoin is the name score from which any of a name's matches joins it to the other names matching the
// same entry; below it, only the name's best match does.
const strongJoin = 0.9

// joining returns the hits through which a name joins others: its best, and every strong one.
func joining(hs []hit) []hit {
	if len(hs) == 0 {
		return nil
	}
	best := 0
	for i := range hs {
		if better(hs[i].m, hs[best].m) {
			best = i
		}
	}
	out := []hit{hs[best]}
	for i, h := range hs {
		if i != best && h.m.Score.Value >= strongJoin {
			out = append(out, h)
		}
	}
	return out
}

// entities returns the component's matched entries, best first, each with the best name match.
func (c component) entities() []hit {
	best := map[int]hit{}
	for _, s := range c.names {
		for _, h := range s.hits {
			if b, ok := best[h.m.Entity]; !ok || h.m.Score.Value > b.m.Score.Value {
				best[h.m.Entity] = h
			}
		}
	}
	out := make([]hit, 0, len(best))
	for _, h := range best {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return better(out[i].m, out[j].m) })
	return out
}

// builder gathers the shipments of one component.
type builder struct {
	ids         []trade.ShipmentID
	records     []string
	value, kg   float64
	first, last string
	cited       []trade.ShipmentID // the lines its evidence quotes, the first ones by id
	evidence    []trade.Evidence
	// the controlled goods on the lines, by their HS codes: how many lines, how many of a controlled class, and
	// the heaviest
	controlled int
	classLines int
	goods      string
	goodsHS    hs.Code
	goodsW     float64 // the heaviest goods' weight
	lift       float64 // the share of the gap to 1 they close
}

func (b *builder) add(s *trade.Shipment) {
	if label, w, chpl := detect.CodeWeight(s.HS); w > 0 {
		b.controlled++
		lift := goodsLift * w
		if chpl {
			lift = 0
		} else {
			b.classLines++
		}
		if lift > b.lift || lift == b.lift && w > b.goodsW {
			b.goods, b.goodsHS, b.goodsW, b.lift = label, s.HS, w, lift
		}
	}
	b.ids = append(b.ids, s.ID)
	b.records = append(b.records, s.RecordID)
	if s.ValueUSD.Valid {
		b.value += s.ValueUSD.V
	}
	if w := s.Weight(); w.Valid {
		b.kg += w.V
	}
	day := s.Date.Format("2006-01-02")
	if b.first == "" || day < b.first {
		b.first = day
	}
	if day > b.last {
		b.last = day
	}
	if len(b.cited) < maxEvidenceLines {
		b.cited = append(b.cited, s.ID)
	}
}

// quote writes the evidence of the cited lines, given them whole.
func (b *builder) quote(lines map[trade.ShipmentID]*trade.Shipment) {
	for _, id := range b.cited {
		s := lines[id]
		b.evidence = append(b.evidence, trade.Evidence{Label: "shipment", RecordID: s.RecordID, Value: lineText(s)})
	}
}

// finding builds the finding of a component from its shipments.
func (b *builder) finding(c component) trade.Finding {
	f := trade.Finding{ShipmentIDs: b.ids, Shipments: b.records, ValueUSD: b.value, WeightKg: b.kg}
	ents := c.entities()
	top := ents[0]
	keyEnt := ents[0].m
	for _, h := range ents {
		if h.m.List+":"+h.m.SourceID < keyEnt.List+":"+keyEnt.SourceID {
			keyEnt = h.m
		}
	}
	f.Key = "listed:" + c.role + ":" + keyEnt.List + ":" + keyEnt.SourceID
	// A listed party trading controlled goods is the violation itself, whatever the volume: the heavier the
	// goods its lines carry (by HS code, weighed as the military-goods detector weighs them), the closer to 1.
	base := min(1, priority(top.m)*roleRank[c.role])
	f.Score = base
	if b.classLines > 0 {
		f.Score += (1 - base) * b.lift * float64(b.classLines) / float64(len(f.ShipmentIDs))
	}
	// parties: the variants as written, most lines first
	sort.Slice(c.names, func(i, j int) bool {
		if c.names[i].name.Lines != c.names[j].name.Lines {
			return c.names[i].name.Lines > c.names[j].name.Lines
		}
		return c.names[i].name.Name < c.names[j].name.Name
	})
	for i, s := range c.names {
		if i == 10 {
			break
		}
		n := s.name.Name
		if n == "" {
			n = s.name.NameEn
		}
		f.Parties = append(f.Parties, trade.FindingParty{Name: n, Role: c.role, Country: s.name.Country, ID: s.name.ID})
	}
	name := f.Parties[0].Name
	f.Title = fmt.Sprintf("Listed %s %s: %s %q (%s) in %d lines", c.role, name, top.m.List, top.m.Caption,
		strings.Join(topicNames(top.m.Topics), ", "), len(f.ShipmentIDs))
	if b.controlled > 0 {
		f.Title += fmt.Sprintf(", %d of them %s", b.controlled, b.goods)
		if b.controlled > 1 {
			f.Title += " or other controlled goods"
		}
	}
	var onLists []string
	for i, h := range ents {
		if i == 6 {
			onLists = append(onLists, fmt.Sprintf("and %d more", len(ents)-6))
			break
		}
		onLists = append(onLists, fmt.Sprintf("%s %q", h.m.List, h.m.Caption))
	}
	sum := top.m.Summary(top.query)
	f.Explanation = fmt.Sprintf("%s, %s on %d lines from %s to %s, matches %s. Best match %q ~ %q, score %.3f: %s.",
		name, c.role, len(f.ShipmentIDs), b.first, b.last, strings.Join(onLists, ", "), top.query, top.m.Name,
		top.m.Score.Value, sum.Explain())
	for i, h := range ents {
		if i == 8 {
			break
		}
		f.Evidence = append(f.Evidence, trade.Evidence{Label: "list entry", Value: fmt.Sprintf("%s %s %q; programs: %s; topics: %s",
			h.m.List, h.m.SourceID, h.m.Caption, strings.Join(h.m.Programs, ", "), strings.Join(topicNames(h.m.Topics), ", "))})
		s := h.m.Summary(h.query)
		f.Evidence = append(f.Evidence, trade.Evidence{Label: "name match", Value: fmt.Sprintf("%q ~ %q (%s, %s) score %.3f, threshold %.2f, %s: %s",
			h.query, h.m.Name, s.NameKind, h.m.List, h.m.Score.Value, h.m.Score.Threshold, h.m.Score.Version, s.Explain())})
	}
	if b.controlled > 0 {
		f.Evidence = append(f.Evidence, trade.Evidence{Label: "controlled goods", Value: fmt.Sprintf(
			"%d of %d lines carry controlled goods by HS code; the heaviest: %s (HS %s, weight %.2f); score %.3f for the match, %.3f with the goods",
			b.controlled, len(f.ShipmentIDs), b.goods, b.goodsHS, b.goodsW, base, f.Score)})
	}
	f.Evidence = append(f.Evidence, b.evidence...)
	return f
}

func topicNames(ts []trade.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

// lineText describes a shipment line in one line: date, route, HS code, goods and value.
func lineText(s *trade.Shipment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s→%s", s.Date.Format("2006-01-02"), orDash(string(s.Shipper.Country)), orDash(string(s.Consignee.Country)))
	if s.Dispatch != "" && s.Dispatch != s.Shipper.Country {
		fmt.Fprintf(&b, " via %s", s.Dispatch)
	}
	fmt.Fprintf(&b, " %s → %s, HS %s %q", s.Shipper.DisplayName(), s.Consignee.DisplayName(), s.HS, clip(s.Description, 80))
	if s.ValueUSD.Valid {
		fmt.Fprintf(&b, ", $%.0f", s.ValueUSD.V)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
