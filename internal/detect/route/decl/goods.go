package decl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// Weights says how much a goods class matters when it is diverted to Russia: military goods most, the
// dual-use classes of the Common High Priority List less. Classes absent here are not controlled goods.
var Weights = map[string]float64{
	"arms.military": 0.95, "arms.revolver_pistol": 0.9, "arms.sporting_hunting": 0.85, "arms.other": 0.8,
	"arms.parts": 0.85, "arms.ammunition": 0.85,
	"armour.body": 0.9, "armour.helmet": 0.8,
	"vehicle.military": 0.95, "vessel.military": 0.9, "aircraft": 0.7, "drone": 0.9, "drone.parts": 0.85,
	"optics.thermal": 0.8, "optics.night_vision": 0.8, "optics.weapon_sight": 0.8,
	"navigation": 0.65, "radar": 0.7, "engine.gas_turbine": 0.75, "explosives": 0.85,
	"electronics.ic": 0.7, "electronics.semiconductor": 0.6, "machine_tool": 0.6, "bearing": 0.5,
}

// tierWeight is the weight of a tier of the Common High Priority List: tier 1 (integrated circuits) first.
var tierWeight = map[hs.Tier]float64{"1": 0.75, "2": 0.7, "3.A": 0.62, "3.B": 0.6, "4.A": 0.55, "4.B": 0.55}

// Reading is what a line's goods are, as far as the route detectors care.
type Reading struct {
	Class  string  // a class of the shared taxonomy, or "chpl.<tier>"
	Label  string  // for people
	Weight float64 // 0–1; 0 means not controlled
	Why    string  // the rule or words that decided it
	CHPL   hs.Tier // the tier when the HS code is on the Common High Priority List
}

// Reader reads lines as controlled goods. It keeps a cache per HS code, so it is not safe for concurrent use.
type Reader struct {
	byHS map[hs.Code]hsReading
}

type hsReading struct {
	best   Reading
	hidden bool // a rule says such goods are declared under the code: the text must be read
}

// NewReader returns a Reader.
func NewReader() *Reader { return &Reader{byHS: map[hs.Code]hsReading{}} }

// HS reads an HS code alone, and says whether the code is one under which controlled goods are known to
// hide, so that the text is worth reading.
func (r *Reader) HS(c hs.Code) (Reading, bool) {
	if x, ok := r.byHS[c]; ok {
		return x.best, x.hidden
	}
	var x hsReading
	if c != "" {
		for _, cm := range hs.ReadClasses(c) {
			w, ok := Weights[cm.ID]
			if !ok {
				continue
			}
			x.hidden = true
			if cm.Weight >= 0.5 && w*cm.Weight > x.best.Weight {
				x.best = Reading{Class: cm.ID, Label: cm.Name, Weight: w * cm.Weight,
					Why: fmt.Sprintf("HS %s is %s (rule %s)", c, cm.Name, cm.Prefix)}
			}
		}
		if t, ok := hs.CHPL(c); ok {
			if w := tierWeight[t]; w > x.best.Weight {
				x.best = Reading{Class: "chpl." + string(t), Label: "CHPL tier " + string(t) + " goods", Weight: w,
					Why: fmt.Sprintf("HS %s is on the Common High Priority List, tier %s", c, t)}
			}
			x.best.CHPL = t
		}
	}
	r.byHS[c] = x
	return x.best, x.hidden
}

// Read reads a line: its HS code, and its text when the code is one under which controlled goods hide
// and the code alone does not settle it.
func (r *Reader) Read(s *trade.Shipment) Reading {
	best, hidden := r.HS(s.HS)
	if !hidden || best.Weight >= 0.75 {
		return best
	}
	res := goods.ClassifyFields(s.Description, s.DescriptionEn, s.Brand, s.Manufacturer)
	if res.Class == goods.Civilian {
		return best
	}
	w, ok := Weights[string(res.Class)]
	if !ok {
		return best
	}
	if w *= min(1, res.Confidence+0.3); w <= best.Weight {
		return best
	}
	label := string(res.Class)
	if info, ok := hs.Class(label); ok {
		label = info.Name
	}
	var words []string
	for _, e := range res.Evidence {
		if e.Class == res.Class && len(words) < 3 {
			words = append(words, strconv.Quote(e.Text))
		}
	}
	return Reading{Class: string(res.Class), Label: label, Weight: w, CHPL: best.CHPL,
		Why: fmt.Sprintf("the description reads as %s (%s) under HS %s", label, strings.Join(words, ", "), s.HS)}
}

// ControlledPrefixes returns the HS prefixes under which controlled goods are declared or hide, sorted: what a
// store can push down to select candidate lines.
func ControlledPrefixes() []string {
	seen := map[string]bool{}
	for _, c := range hs.CHPLCodes() {
		seen[string(c)] = true
	}
	for _, r := range hs.Rules() {
		if _, ok := Weights[r.ID]; ok {
			seen[string(r.Prefix)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
