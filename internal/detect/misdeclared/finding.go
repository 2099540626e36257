package misdeclared

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// group gathers the lines of one finding.
type group struct {
	key       string
	kind      readingKind
	class     goods.Class
	best      *reading // the highest-scoring line's reading: its two sides are the finding's
	bestID    trade.ShipmentID
	period    string
	shipper   trade.Party
	consignee trade.Party
	first     trade.ShipmentID // the lowest id: its line names the parties
	sample    string
	sampleRec string
	ids       []trade.ShipmentID
	records   []string
	seenIDs   map[trade.ShipmentID]bool
	value     float64
	weightKg  float64
	quantity  float64
	units     map[string]bool
	hsCodes   map[string]bool
	makers    map[string]bool
	dests     map[country.Code]bool
	watched   bool // a line goes to Russia or Belarus
	chplHigh  bool // a line is on tier 1 or 2 of the Common High Priority List
	consOf    map[string]bool
}

// grouper turns readings of full rows into findings.
type grouper struct {
	since  time.Time
	seen   map[string]Seen // when the sellers first shipped, by seller key: set before findings is called
	groups map[string]*group
}

func newGrouper(since time.Time) *grouper {
	return &grouper{since: since, groups: map[string]*group{}}
}

// add puts one line's reading into its group.
func (g *grouper) add(s *trade.Shipment, r *reading) {
	shipper := partyKey(s.Shipper.ID, s.Shipper.Name, s.Shipper.NameEn)
	var k, period string
	switch r.kind {
	case kindSeller:
		period = s.Date.Format("2006")
		k = "seller|" + shipper + "|" + period
	default:
		period = s.Date.Format("2006-01")
		k = "code|" + shipper + "|" + partyKey(s.Consignee.ID, s.Consignee.Name, s.Consignee.NameEn) + "|" + string(r.class) +
			"|" + heading(s.HS) + "|" + period
	}
	gr := g.groups[k]
	if gr == nil {
		gr = &group{key: k, kind: r.kind, class: r.class, period: period, seenIDs: map[trade.ShipmentID]bool{},
			units: map[string]bool{}, hsCodes: map[string]bool{}, makers: map[string]bool{}, dests: map[country.Code]bool{},
			consOf: map[string]bool{}}
		g.groups[k] = gr
	}
	if gr.best == nil || r.score > gr.best.score || r.score == gr.best.score && s.ID < gr.bestID {
		gr.best, gr.bestID = r, s.ID
	}
	if r.maker != nil {
		gr.makers[r.maker.name] = true
	}
	if gr.seenIDs[s.ID] {
		return
	}
	gr.seenIDs[s.ID] = true
	if len(gr.ids) == 0 || s.ID < gr.first {
		gr.first, gr.shipper, gr.consignee, gr.sample, gr.sampleRec = s.ID, s.Shipper, s.Consignee, s.Description, s.RecordID
	}
	gr.ids = append(gr.ids, s.ID)
	gr.records = append(gr.records, s.RecordID)
	gr.value += s.ValueUSD.Or(0)
	gr.weightKg += s.Weight().Or(0)
	if s.Quantity.Valid {
		gr.quantity += s.Quantity.V
		gr.units[s.Unit] = true
	}
	gr.hsCodes[string(s.HS)] = true
	dest := s.Destination
	if dest == country.Unknown {
		dest = s.Consignee.Country
	}
	gr.dests[dest] = true
	if country.IsSanctionedDestination(s.Destination) || country.IsSanctionedDestination(s.Consignee.Country) {
		gr.watched = true
	}
	if t, ok := hs.CHPL(s.HS); ok && t.Rank() <= 2 {
		gr.chplHigh = true
	}
	gr.consOf[detect.PartyLabel(s.Consignee)] = true
}

// findings returns one finding per group.
func (g *grouper) findings() []trade.Finding {
	out := make([]trade.Finding, 0, len(g.groups))
	for _, gr := range g.groups {
		sort.Slice(gr.ids, func(i, j int) bool { return gr.ids[i] < gr.ids[j] })
		sort.Strings(gr.records)
		if gr.kind == kindSeller {
			out = append(out, g.sellerFinding(gr))
		} else {
			out = append(out, codeFinding(gr))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// volume runs on a log scale from $1k (0) to $10M (1).
func volume(v float64) float64 { return math.Max(0, math.Min(1, (math.Log10(1+v)-3)/4)) }

func codeFinding(gr *group) trade.Finding {
	b := gr.best
	score := b.score * (0.85 + 0.15*volume(gr.value))
	if gr.watched {
		score += 0.04
	}
	score = math.Round(math.Min(0.99, score)*1000) / 1000
	label := className(b.class)
	codes := detect.SortedKeys(gr.hsCodes)
	title := fmt.Sprintf("%s declared under HS %s: %s → %s, %s (%s%s kg, $%s)", label, strings.Join(codes, ", "),
		detect.PartyLabel(gr.shipper), detect.PartyLabel(gr.consignee), gr.period, qty(gr), detect.FormatNumber(gr.weightKg), detect.FormatNumber(gr.value))
	var why []string
	switch b.kind {
	case kindContext:
		why = append(why, fmt.Sprintf("the declaration's other lines read as %s (%s), and this line's code is one such goods are hidden under", label, b.sibling))
	default:
		why = append(why, fmt.Sprintf("the text reads as %s (%s)", label, b.words))
	}
	why = append(why, "the code says "+b.hsClasses)
	if b.claim != "" {
		why = append(why, b.claim)
	}
	expl := fmt.Sprintf("%d line(s) whose goods are %s but whose HS code says otherwise: %s. Goods side %.2f, distance to "+
		"the code %.2f, hiding in the text %.2f.", len(gr.ids), label, strings.Join(why, "; "), b.textScore, b.gap, b.deceit)
	goodsSide := b.words
	if b.kind == kindContext {
		goodsSide = "other lines of the declaration: " + b.sibling
	}
	ev := []trade.Evidence{
		{Label: "goods (text, model, maker)", Value: fmt.Sprintf("%s: %s", label, goodsSide)},
		{Label: "declared code", Value: b.hsClasses},
	}
	if b.claim != "" {
		ev = append(ev, trade.Evidence{Label: "text claims", Value: b.claim})
	}
	ev = append(ev,
		trade.Evidence{Label: "HS codes", Value: strings.Join(codes, ", ")},
		trade.Evidence{Label: "lines", Value: fmt.Sprint(len(gr.ids))},
		trade.Evidence{Label: "value (USD)", Value: detect.FormatNumber(gr.value)},
		trade.Evidence{Label: "weight (kg)", Value: detect.FormatNumber(gr.weightKg)},
		trade.Evidence{Label: "description", Value: gr.sample, RecordID: gr.sampleRec},
	)
	return trade.Finding{
		Key:         "misdeclared_goods|" + gr.key,
		Score:       score,
		Title:       title,
		Explanation: expl,
		Parties: []trade.FindingParty{
			{Name: detect.PartyLabel(gr.shipper), Role: trade.Shipper.String(), Country: string(gr.shipper.Country), ID: gr.shipper.ID},
			{Name: detect.PartyLabel(gr.consignee), Role: trade.Consignee.String(), Country: string(gr.consignee.Country), ID: gr.consignee.ID},
		},
		Shipments:   gr.records,
		ShipmentIDs: gr.ids,
		Evidence:    ev,
		ValueUSD:    gr.value,
		WeightKg:    gr.weightKg,
	}
}

func (g *grouper) sellerFinding(gr *group) trade.Finding {
	seen, known := g.seen[partyKey(gr.shipper.ID, gr.shipper.Name, gr.shipper.NameEn)]
	isNew := known && !seen.First.Before(g.since)
	score := 0.15 + 0.1*volume(gr.value)
	var why []string
	if isNew {
		score += 0.15
		why = append(why, fmt.Sprintf("the seller first shipped on %s, after %s", seen.First.Format("2006-01-02"), g.since.Format("2006-01-02")))
	}
	if gr.watched {
		score += 0.07
		why = append(why, "goods go to Russia or Belarus")
	}
	if gr.chplHigh {
		score += 0.03
		why = append(why, "tier 1 or 2 of the Common High Priority List")
	}
	score = math.Round(math.Min(0.5, score)*1000) / 1000
	makers := detect.SortedKeys(gr.makers)
	from := country.Name(gr.shipper.Country)
	title := fmt.Sprintf("%s goods sold by %s (%s), neither maker nor authorised distributor, %s (%d lines, $%s)",
		strings.Join(makers, ", "), detect.PartyLabel(gr.shipper), from, gr.period, len(gr.ids), detect.FormatNumber(gr.value))
	expl := fmt.Sprintf("%d line(s) of %s goods (%s) sold by a trader in %s, a transshipment hub, that is not the maker "+
		"or one of its authorised distributors", len(gr.ids), strings.Join(makers, ", "), className(gr.best.class), from)
	if len(why) > 0 {
		expl += ": " + strings.Join(why, "; ")
	}
	expl += "."
	cons := detect.SortedKeys(gr.consOf)
	if len(cons) > 5 {
		cons = append(cons[:5], fmt.Sprintf("and %d more", len(cons)-5))
	}
	dests := make([]string, 0, len(gr.dests))
	for c := range gr.dests {
		if c != country.Unknown {
			dests = append(dests, string(c))
		}
	}
	sort.Strings(dests)
	ev := []trade.Evidence{
		{Label: "makers (brand, maker, part numbers)", Value: strings.Join(makers, ", ")},
		{Label: "seller", Value: fmt.Sprintf("%s, %s", detect.PartyLabel(gr.shipper), from)},
	}
	if known {
		ev = append(ev, trade.Evidence{Label: "seller first seen", Value: fmt.Sprintf("%s (%d lines as shipper in the store)", seen.First.Format("2006-01-02"), seen.Lines)})
	}
	ev = append(ev,
		trade.Evidence{Label: "buyers", Value: strings.Join(cons, "; ")},
		trade.Evidence{Label: "destinations", Value: strings.Join(dests, ", ")},
		trade.Evidence{Label: "HS codes", Value: strings.Join(detect.SortedKeys(gr.hsCodes), ", ")},
		trade.Evidence{Label: "lines", Value: fmt.Sprint(len(gr.ids))},
		trade.Evidence{Label: "value (USD)", Value: detect.FormatNumber(gr.value)},
		trade.Evidence{Label: "description", Value: gr.sample, RecordID: gr.sampleRec},
	)
	parties := []trade.FindingParty{{Name: detect.PartyLabel(gr.shipper), Role: trade.Shipper.String(), Country: string(gr.shipper.Country), ID: gr.shipper.ID}}
	return trade.Finding{
		Key:         "misdeclared_goods|" + gr.key,
		Score:       score,
		Title:       title,
		Explanation: expl,
		Parties:     parties,
		Shipments:   gr.records,
		ShipmentIDs: gr.ids,
		Evidence:    ev,
		ValueUSD:    gr.value,
		WeightKg:    gr.weightKg,
	}
}

// heading is the four-digit heading of a code, or the code when shorter.
func heading(c hs.Code) string {
	if len(c) >= 4 {
		return string(c[:4])
	}
	return string(c)
}

func className(c goods.Class) string {
	if info, ok := hs.Class(string(c)); ok {
		return info.Name
	}
	return string(c)
}

func qty(gr *group) string {
	if gr.quantity > 0 && !gr.units["KG"] {
		return fmt.Sprintf("%s %s, ", detect.FormatNumber(gr.quantity), strings.Join(detect.SortedKeys(gr.units), "/"))
	}
	return ""
}
