package unitvalue

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// flagged is one line's judgement on one basis.
type flagged struct {
	basis Basis
	line  Line
	dev   float64 // log(price / median)
}

// group gathers the lines of one finding.
type group struct {
	key       string
	high      bool
	hs6       string
	period    int
	shipper   trade.Party
	consignee trade.Party
	first     trade.ShipmentID
	lines     map[trade.ShipmentID]*flagged // the strongest judgement of each line
	watched   bool
}

type grouper struct {
	q      Query // the thresholds, for the explanations
	groups map[string]*group
}

func newGrouper(q Query) *grouper { return &grouper{q: q, groups: map[string]*group{}} }

func partyKey(p trade.Party) string {
	if p.ID != "" {
		return "id:" + p.ID
	}
	return "name:" + strings.ToUpper(strings.TrimSpace(p.DisplayName()))
}

func (g *grouper) add(b Basis, l *Line) {
	if l.Price <= 0 || l.Median <= 0 {
		return
	}
	dev := math.Log(l.Price / l.Median)
	high := dev > 0
	dir := "low"
	if high {
		dir = "high"
	}
	k := fmt.Sprintf("%s|%s|%s|%d|%s", partyKey(l.Shipper), partyKey(l.Consignee), l.HS6, l.Period, dir)
	gr := g.groups[k]
	if gr == nil {
		gr = &group{key: k, high: high, hs6: l.HS6, period: l.Period, lines: map[trade.ShipmentID]*flagged{}}
		g.groups[k] = gr
	}
	if len(gr.lines) == 0 || l.ID < gr.first {
		gr.first, gr.shipper, gr.consignee = l.ID, l.Shipper, l.Consignee
	}
	if country.IsSanctionedDestination(l.Destination) || country.IsSanctionedDestination(l.Consignee.Country) {
		gr.watched = true
	}
	if f := gr.lines[l.ID]; f == nil || math.Abs(dev) > math.Abs(f.dev) || math.Abs(dev) == math.Abs(f.dev) && b < f.basis {
		gr.lines[l.ID] = &flagged{basis: b, line: *l, dev: dev}
	}
}

func (g *grouper) findings() []trade.Finding {
	out := make([]trade.Finding, 0, len(g.groups))
	for _, gr := range g.groups {
		out = append(out, gr.finding(&g.q))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// controlled reports whether goods under a subheading are watched: a goods class the code alone points at
// firmly, or the Common High Priority List.
func controlled(code string) bool {
	c := hs.Code(code)
	if _, ok := hs.CHPL(c); ok {
		return true
	}
	for _, m := range hs.Classes(c) {
		if m.Weight >= 0.5 && m.ID != "civilian" {
			return true
		}
	}
	return false
}

func (gr *group) finding(q *Query) trade.Finding {
	fs := make([]*flagged, 0, len(gr.lines))
	for _, f := range gr.lines {
		fs = append(fs, f)
	}
	// Strongest first; ids break ties so that re-runs agree.
	sort.Slice(fs, func(i, j int) bool {
		if a, b := math.Abs(fs[i].dev), math.Abs(fs[j].dev); a != b {
			return a > b
		}
		return fs[i].line.ID < fs[j].line.ID
	})
	var value, weight, sumDev float64
	ids := make([]trade.ShipmentID, 0, len(fs))
	recs := make([]string, 0, len(fs))
	for _, f := range fs {
		value += f.line.ValueUSD
		weight += f.line.WeightKg
		sumDev += f.dev
		ids = append(ids, f.line.ID)
		recs = append(recs, f.line.RecordID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	sort.Strings(recs)
	meanDev := sumDev / float64(len(fs))
	ratio := math.Exp(meanDev)
	// How far: 10 times (or a tenth) is half, 100 times is all. How much: $1k is nothing, $10M all.
	far := math.Min(1, math.Abs(meanDev)/math.Ln10/2)
	vol := math.Max(0, math.Min(1, (math.Log10(1+value)-3)/4))
	score := 0.2 + 0.3*far + 0.1*vol + 0.05*math.Min(1, float64(len(fs)-1)/4)
	ctrl := controlled(gr.hs6)
	var why []string
	if gr.high && ctrl {
		score += 0.1
		why = append(why, "goods of a controlled class or the Common High Priority List fetching a premium")
	}
	if gr.watched {
		score += 0.05
		why = append(why, "to Russia or Belarus")
	}
	score = math.Round(math.Min(0.85, score)*1000) / 1000
	top := fs[0]
	way, verb := "below", "undervalued"
	if gr.high {
		way, verb = "above", "priced above its peers"
	}
	title := fmt.Sprintf("HS %s %s: %s × the peer median %s, %s → %s, %d (%d lines, $%s)", gr.hs6, verb, fmtRatio(ratio),
		top.basis, detect.PartyLabel(gr.shipper), detect.PartyLabel(gr.consignee), gr.period, len(fs), detect.FormatNumber(value))
	expl := fmt.Sprintf("%d line(s) of HS %s in %d priced %s the lines of the same subheading, unit and year: on average "+
		"%s × the peer median (peers' median and median absolute deviation of log price; a line counts at %s × or "+
		"1/%s and a robust z of %s, with at least %d peers)", len(fs), gr.hs6, gr.period, way, fmtRatio(ratio),
		fmtRatio(q.MinRatio), fmtRatio(q.MinRatio), fmtRatio(q.MinZ), q.MinPeers)
	if len(why) > 0 {
		expl += "; " + strings.Join(why, "; ")
	}
	expl += "."
	ev := []trade.Evidence{
		{Label: "subheading, year", Value: fmt.Sprintf("%s, %d", gr.hs6, gr.period)},
		{Label: "mean ratio to peer median", Value: fmtRatio(ratio)},
	}
	for i, f := range fs {
		if i == 5 {
			ev = append(ev, trade.Evidence{Label: "more lines", Value: fmt.Sprint(len(fs) - 5)})
			break
		}
		l := f.line
		unit := "kg"
		if f.basis == PerUnit {
			unit = l.Unit
		}
		ev = append(ev, trade.Evidence{Label: "line price",
			Value: fmt.Sprintf("$%s per %s; peer median $%s over %d peers (MAD %.2f in log); ratio %s; HS %s; %s",
				detect.FormatNumber(l.Price), unit, detect.FormatNumber(l.Median), l.Peers, l.MAD, fmtRatio(math.Exp(f.dev)), l.HS, clip(l.Description, 120)),
			RecordID: l.RecordID})
	}
	ev = append(ev,
		trade.Evidence{Label: "value (USD)", Value: detect.FormatNumber(value)},
		trade.Evidence{Label: "weight (kg)", Value: detect.FormatNumber(weight)},
	)
	return trade.Finding{
		Key:         "unit_value|" + gr.key,
		Score:       score,
		Title:       title,
		Explanation: expl,
		Parties: []trade.FindingParty{
			{Name: detect.PartyLabel(gr.shipper), Role: trade.Shipper.String(), Country: string(gr.shipper.Country), ID: gr.shipper.ID},
			{Name: detect.PartyLabel(gr.consignee), Role: trade.Consignee.String(), Country: string(gr.consignee.Country), ID: gr.consignee.ID},
		},
		Shipments:   recs,
		ShipmentIDs: ids,
		Evidence:    ev,
		ValueUSD:    value,
		WeightKg:    weight,
	}
}

// fmtRatio writes a ratio as "12" or "0.05" (a twentieth).
func fmtRatio(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f", r)
	}
	if r >= 1 {
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.3f", r)
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
