package misdeclared

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// severity is how strictly goods of a class are controlled on the way to Russia, from 0 (ordinary goods) to 1
// (military weapons and vehicles): the distance between what a text says and what a code admits is measured
// on it.
var severity = map[goods.Class]float64{
	goods.ArmsMilitary: 1, goods.VehicleMilitary: 1, goods.VesselMilitary: 1, goods.ArmsAmmunition: 0.9,
	goods.Explosives: 0.9, goods.ArmsPistol: 0.85, goods.ArmourBody: 0.85, goods.Drone: 0.85,
	goods.ArmourHelmet: 0.75, goods.ArmsParts: 0.7, goods.OpticsWeaponSight: 0.7, goods.OpticsThermal: 0.7,
	goods.OpticsNightVision: 0.7, goods.ChemicalsPrecursor: 0.7, goods.DroneParts: 0.6, goods.Aircraft: 0.6,
	goods.EngineGasTurbine: 0.6, goods.Radar: 0.6, goods.ArmsSporting: 0.5, goods.ArmsOther: 0.5,
	goods.Navigation: 0.5, goods.ElectronicsIC: 0.5, goods.MachineTool: 0.45, goods.ArmsBladed: 0.4,
	goods.CommsRadio: 0.4, goods.ElectronicsSemiconductor: 0.4, goods.ElectronicsOther: 0.3,
	goods.EngineOther: 0.3, goods.Bearing: 0.3,
}

// judged are the classes whose misdeclaration the code reading raises: arms, armour, military vehicles and
// vessels, aircraft and drones, optics, radar, gas turbines and explosives. Electronics, machine tools and other
// engines are left to the seller and unit-value readings: descriptions name them as components or as what a
// machine is for ("diesel engines" of a generating set) far more often than as the goods.
var judged = map[goods.Class]bool{
	goods.ArmsMilitary: true, goods.ArmsPistol: true, goods.ArmsSporting: true, goods.ArmsOther: true, goods.ArmsParts: true,
	goods.ArmsAmmunition: true, goods.ArmsBladed: true, goods.ArmourBody: true, goods.ArmourHelmet: true,
	goods.VehicleMilitary: true, goods.VesselMilitary: true, goods.Aircraft: true, goods.Drone: true, goods.DroneParts: true,
	goods.OpticsThermal: true, goods.OpticsNightVision: true, goods.OpticsWeaponSight: true, goods.Radar: true,
	goods.EngineGasTurbine: true, goods.Explosives: true,
}

// wholeOf is the complete article that a parts class is part of, for kits declared as parts.
var wholeOf = map[goods.Class]goods.Class{goods.DroneParts: goods.Drone}

// contextFamilies are the families whose goods, clearly read on one line of a declaration, make the other
// lines of that declaration under a code that hides them suspect (plates beside vests, helmets beside vests).
var contextFamilies = map[string]bool{"armour": true, "arms": true, "drone": true, "vehicle": true}

// sellerFamilies are the families whose goods, read in the text, make a Western maker's brand on a hub
// trader's line worth a seller reading even when the code is not on the Common High Priority List.
var sellerFamilies = map[string]bool{"electronics": true, "comms": true, "navigation": true}

// minLineScore is the least score a line needs to count.
const minLineScore = 0.35

// readingKind says what a reading found.
type readingKind uint8

const (
	kindCode    readingKind = iota + 1 // the text says one class, the code another
	kindContext                        // the line's code hides the class its declaration's other lines read as
	kindSeller                         // a Western maker's goods sold by a hub trader that is neither maker nor distributor
)

// reading is what one line raises.
type reading struct {
	id        trade.ShipmentID
	kind      readingKind
	class     goods.Class // what the goods are, by text, model, maker or context
	textScore float64     // how sure that side is
	words     string      // the words that decided it
	claim     string      // what the text claims instead, if anything
	hsClasses string      // what the code says
	gap       float64     // how much more controlled the goods are than the code admits
	deceit    float64     // how hard the text works to hide it
	cover     bool        // the code is a known cover for the class
	kit       bool        // a complete model declared as an unassembled kit of parts
	sibling   string      // for context readings: the line that decided the class
	maker     *maker      // for seller readings
	score     float64     // the line's score before volume
}

// cover is a line under a code that may hide goods of a watched family.
type cover struct {
	id       trade.ShipmentID
	decl     uint64
	class    goods.Class // the class the code hides or includes
	kind     hs.MatchKind
	weight   float64
	own      float64 // the line's own text score for the family
	claimed  bool    // the text claims a civilian or lesser use
	civilian bool    // the text reads as civilian goods
	hsText   string
}

// strongLine is a line whose text clearly reads as a watched family.
type strongLine struct {
	decl  uint64
	id    trade.ShipmentID
	class goods.Class
	words string
}

// sellerRef is how the store writes a seller, to ask when it first shipped.
type sellerRef struct{ key, id, name string }

// partyKey groups appearances of one party before names are resolved: its identifier, else its name.
func partyKey(id, name, nameEn string) string {
	if id != "" {
		return "id:" + id
	}
	if name == "" {
		name = nameEn
	}
	return "name:" + strings.ToUpper(strings.TrimSpace(name))
}

// text is a line's classification, made when first asked for: with a stored reading (Line.Read) most lines
// raise what they raise, or nothing, without it.
type text struct {
	p    *pass
	l    *Line
	r    goods.Result
	done bool
}

func (t *text) result() *goods.Result {
	if !t.done {
		t.r, t.done = t.p.classify(t.l.Description, t.l.DescriptionEn, t.l.Brand, t.l.Manufacturer), true
		if t.p.classified != nil {
			t.p.classified.Add(1)
		}
	}
	return &t.r
}

// controlled is the text's strongest controlled reading (goods.Result.Military) when it reaches goods.Threshold:
// the stored one when the line has it, which the goods reader took from the same classifier. ok is false when
// the reading is below the threshold.
func (t *text) controlled() (s goods.Score, ok bool) {
	if t.l.Read && !t.done {
		return goods.Score{Class: t.l.Reading, Score: t.l.ReadingScore}, t.l.Reading != ""
	}
	r := t.result()
	return r.Military, r.Military.Score >= goods.Threshold
}

// mayNamePart reports whether the reading may hold part-number evidence. A line with a stored reading was read
// by goods.ClassifyFields, whose part numbers come only from its table: without a part number there, the line
// needs no reading for them.
func (t *text) mayNamePart() bool {
	return t.done || !t.l.Read || goods.HasPartNumber(t.l.Description, t.l.DescriptionEn, t.l.Brand, t.l.Manufacturer)
}

// read records what one line raises. Without a stored reading it classifies the line. With one, it classifies
// only what the reading leaves open: lines that read as a judged class or a context family (code readings and
// strong lines need the whole reading), sellers whose maker only the text's part numbers name, and seller
// readings whose goods the reading does not name. A line that only its code makes a cover waits for
// readDeferred: it raises something only beside a strong line of its declaration, which few have.
func (p *pass) read(l *Line, out *lineResults) {
	t := text{p: p, l: l}
	ms := hs.ReadClasses(l.HS)
	if !l.Read || p.full[l.Reading] {
		r := t.result()
		if rd := p.judge(l, r, ms); rd != nil {
			out.readings = append(out.readings, rd)
		}
		if r.Military.Score >= 0.8 && contextFamilies[r.Military.Class.Family()] && r.Class == r.Military.Class {
			out.strong = append(out.strong, strongLine{decl: l.Declaration, id: l.ID, class: r.Military.Class,
				words: words(r, r.Military.Class.Family(), 3)})
		}
	}
	if slices.ContainsFunc(ms, coverMatch) {
		if t.done {
			addCovers(l, t.result(), ms, &out.covers)
		} else {
			out.deferred = append(out.deferred, *l)
		}
	}
	if rd := p.seller(l, &t); rd != nil {
		out.readings = append(out.readings, rd)
		out.sellers = append(out.sellers, sellerRef{key: partyKey(l.ShipperID, l.ShipperName, l.ShipperNameEn), id: l.ShipperID,
			name: firstNonEmpty(l.ShipperName, l.ShipperNameEn)})
	}
}

// coverMatch reports whether a code's match hides or covers a context family: its line may be a cover
// (resolveContext).
func coverMatch(m hs.ClassMatch) bool {
	return m.Kind != hs.KindIs && contextFamilies[goods.Class(m.ID).Family()]
}

// addCovers records the line as a cover of each context family its code hides or covers.
func addCovers(l *Line, r *goods.Result, ms []hs.ClassMatch, covers *[]cover) {
	for _, m := range ms {
		if !coverMatch(m) {
			continue
		}
		c := goods.Class(m.ID)
		*covers = append(*covers, cover{id: l.ID, decl: l.Declaration, class: c, kind: m.Kind, weight: m.Weight,
			own: familyScore(r, c.Family()), claimed: lesserClaim(r, c), civilian: r.Class == goods.Civilian,
			hsText: hsText(l.HS, ms)})
	}
}

// readDeferred classifies the covers that read left unclassified whose declaration holds a strong line of a
// family their code hides or covers, and records them: the others raise nothing, whatever their text says
// (resolveContext needs such a sibling, and a deferred line is never a strong line itself).
func (p *pass) readDeferred() {
	for i := range p.deferred {
		l := &p.deferred[i]
		ms := hs.ReadClasses(l.HS)
		sibling := func(m hs.ClassMatch) bool { return coverMatch(m) && p.strongSibling(l, goods.Class(m.ID).Family()) }
		if slices.ContainsFunc(ms, sibling) {
			t := text{p: p, l: l}
			addCovers(l, t.result(), ms, &p.covers)
		}
	}
	p.deferred = nil
}

// strongSibling reports whether another line of l's declaration clearly reads as the family.
func (p *pass) strongSibling(l *Line, fam string) bool {
	for _, s := range p.strong[l.Declaration] {
		if s.id != l.ID && s.class.Family() == fam {
			return true
		}
	}
	return false
}

// judge compares what the text says with what the code says.
func (p *pass) judge(l *Line, r *goods.Result, ms []hs.ClassMatch) *reading {
	if l.HS == "" || r.Military.Score < goods.Threshold {
		return nil
	}
	t, st := r.Military.Class, r.Military.Score
	if !judged[t] {
		return nil
	}
	firm := firmEvidence(r, t.Family())
	if r.Class == goods.Civilian && !firm {
		// Civilian wording wins and nothing firm (a model, a calibre, a part number) says otherwise.
		return nil
	}
	if firm {
		st = math.Max(st, 0.9)
	}
	makerOnly := onlyMaker(r, t.Family(), l.Brand, l.Manufacturer)
	if makerOnly {
		// Only the maker's or brand's name reads as such goods (a weapons maker's packing machine): a
		// reason to look, not a reading of the goods.
		st *= 0.6
	}
	kit := false
	// A complete model declared as parts: an unassembled kit (GIR 2(a)), or a military model named with no
	// more than generic "parts" wording.
	if w, ok := wholeOf[t]; ok && hasModel(r, t.Family()) && (p.tabs.kit(l.Description, l.DescriptionEn) || militaryModel(r, t.Family())) {
		t, kit = w, true
	}
	for _, m := range ms {
		if goods.Class(m.ID) == t && m.Kind == hs.KindIs {
			return nil // the code names the goods: whatever the text claims, the declaration is right
		}
	}
	sev := severity[t]
	admitted, cover := 0.0, false
	for _, m := range ms {
		c := goods.Class(m.ID)
		switch {
		case c == t && m.Kind == hs.KindHides:
			admitted, cover = math.Max(admitted, sev*m.Weight), true
		case c == t:
			admitted = sev
		case c.Family() == t.Family():
			admitted = math.Max(admitted, severity[c])
		}
	}
	gap := math.Max(0, sev-admitted)
	deceit := 0.0
	claim := ""
	switch {
	case lesserClaim(r, t):
		deceit, claim = 1, claimText(r)
	case r.Class == goods.Civilian:
		deceit, claim = 0.7, "the text reads as civilian goods"
	case kit:
		deceit, claim = 0.7, "declared as parts: a complete model, unassembled or named as a military model"
	case r.DeclaredClass != "":
		// "Not for military use" is boilerplate on many declarations: it weighs, but little.
		deceit, claim = 0.3, claimText(r)
	}
	if gap == 0 && deceit == 0 {
		return nil
	}
	if makerOnly {
		claim = strings.TrimPrefix(claim+"; ", "; ") + "only the maker's or brand's name reads as such goods"
	}
	rd := &reading{id: l.ID, kind: kindCode, class: t, textScore: st, words: words(r, t.Family(), 5), claim: claim,
		hsClasses: hsText(l.HS, ms), gap: gap, deceit: deceit, cover: cover, kit: kit}
	rd.score = lineScore(st, gap, deceit, cover)
	if rd.score < minLineScore {
		return nil
	}
	return rd
}

// lineScore weighs the two sides: how sure the goods side is, how far the code is from it, and how much the
// text hides.
func lineScore(textScore, gap, deceit float64, cover bool) float64 {
	s := textScore * (0.25 + 0.35*gap + 0.4*deceit)
	if cover {
		s += 0.03
	}
	return math.Min(0.99, s)
}

// resolveContext raises the lines of a declaration whose code hides the family that another of its lines
// clearly reads as: ceramic "plates" beside bulletproof vests, "airsoft" helmets beside them.
func (p *pass) resolveContext() {
	for _, c := range p.covers {
		sl := p.strong[c.decl]
		var sib *strongLine
		for i := range sl {
			if sl[i].id != c.id && sl[i].class.Family() == c.class.Family() && (sib == nil || sl[i].id < sib.id) {
				sib = &sl[i]
			}
		}
		if sib == nil || p.hasCode(c.id) {
			continue
		}
		// A code that covers the class among others (safety headgear covers ballistic helmets) is only suspect
		// when the text claims a lesser use; a code that does not name the class is suspect anyway.
		if c.kind == hs.KindIncludes && !c.claimed {
			continue
		}
		if c.kind == hs.KindHides && !c.civilian && !c.claimed {
			continue // the text says openly what it is: the code reading already judged it
		}
		// A code that covers the class admits it, but a text that calls such goods toys or airsoft gear
		// under it still misdeclares them; a code that hides the class does not admit it at all.
		gap := 0.3 * severity[c.class]
		if c.kind == hs.KindHides {
			gap = severity[c.class] * (1 - c.weight)
		}
		deceit := 0.7
		claim := "the text reads as civilian goods"
		if c.claimed {
			deceit, claim = 1, "the text claims a civilian or lesser use"
		}
		st := 0.75 + 0.25*c.own
		rd := &reading{id: c.id, kind: kindContext, class: c.class, textScore: st, claim: claim, hsClasses: c.hsText,
			gap: gap, deceit: deceit, cover: c.kind == hs.KindHides, sibling: sib.words}
		rd.score = lineScore(st, gap, deceit, rd.cover)
		if rd.score >= minLineScore {
			p.readings[c.id] = append(p.readings[c.id], rd)
		}
	}
}

func (p *pass) hasCode(id trade.ShipmentID) bool {
	for _, r := range p.readings[id] {
		if r.kind == kindCode {
			return true
		}
	}
	return false
}

// seller checks a Western maker's controlled goods sold by a hub trader that is neither the maker nor one of
// its authorised distributors.
func (p *pass) seller(l *Line, t *text) *reading {
	if !country.IsHub(l.ShipperCountry) {
		return nil
	}
	_, chpl := hs.CHPL(l.HS)
	mil, ok := t.controlled()
	if !chpl && !(ok && sellerFamilies[mil.Class.Family()]) {
		return nil
	}
	mk := p.makerOf(l.Brand, l.Manufacturer)
	if mk == nil && t.mayNamePart() {
		for _, e := range t.result().Evidence {
			if e.Kind == goods.KindPartNumber && e.Maker != "" {
				if mk = p.tabs.makerNamed(e.Maker); mk != nil {
					break
				}
			}
		}
	}
	if mk == nil || mk.country == l.ShipperCountry {
		return nil
	}
	for _, n := range []string{l.ShipperName, l.ShipperNameEn} {
		if n != "" && (containsAny(norm(n), mk.aliases) || p.tabs.distributor(n)) {
			return nil
		}
	}
	if !ok {
		mil = t.result().Military // below the threshold: only the classifier knows it
	}
	words := strings.TrimSpace(firstNonEmpty(l.Brand, l.Manufacturer))
	return &reading{id: l.ID, kind: kindSeller, class: mil.Class, textScore: mil.Score, words: words,
		hsClasses: hsText(l.HS, hs.ReadClasses(l.HS)), maker: mk}
}

// lesserClaim reports whether the text claims the goods are something lesser than t: a toy, airsoft gear or a
// replica, or a lesser class of t's family (hunting rifles for assault rifles). A bare "civilian" or "not for
// military use" is not such a claim.
func lesserClaim(r *goods.Result, t goods.Class) bool {
	for _, e := range r.Declared {
		if e.Kind == goods.KindNeuter {
			return true
		}
	}
	return r.DeclaredClass != "" && r.DeclaredClass != goods.Civilian && r.DeclaredClass != t
}

// firmEvidence reports whether the text holds evidence for a family that civilian wording cannot explain
// away: a model, a calibre or a part number.
func firmEvidence(r *goods.Result, fam string) bool {
	for _, e := range r.Evidence {
		if e.Class.Family() == fam && (e.Kind == goods.KindModel || e.Kind == goods.KindCalibre || e.Kind == goods.KindPartNumber) {
			return true
		}
	}
	return false
}

func hasModel(r *goods.Result, fam string) bool {
	for _, e := range r.Evidence {
		if e.Class.Family() == fam && e.Kind == goods.KindModel {
			return true
		}
	}
	return false
}

// onlyMaker reports whether every word, model, calibre and part number that reads as the family is part of the
// brand or maker name (which descriptions often repeat: "ПРОИЗВОДИТЕЛЬ: KALKAN SILAH SAN").
func onlyMaker(r *goods.Result, fam, brand, maker string) bool {
	names := norm(brand) + norm(maker)
	seen := false
	for _, e := range r.Evidence {
		if e.Class.Family() != fam || e.Weight <= 0 {
			continue
		}
		switch e.Kind {
		case goods.KindWord, goods.KindModel, goods.KindCalibre, goods.KindPartNumber:
			seen = true
			if !strings.Contains(names, norm(e.Text)) {
				return false
			}
		}
	}
	return seen
}

// militaryModel reports whether the text names a model of a military list of the family (military drones).
func militaryModel(r *goods.Result, fam string) bool {
	for _, e := range r.Evidence {
		if e.Class.Family() == fam && e.Kind == goods.KindModel && strings.Contains(strings.ToLower(e.Term), "military") {
			return true
		}
	}
	return false
}

// familyScore is the best score of the text for a class of the family.
func familyScore(r *goods.Result, fam string) float64 {
	best := 0.0
	for _, s := range r.Scores {
		if s.Class.Family() == fam && s.Score > best {
			best = s.Score
		}
	}
	return best
}

// words lists the evidence that decided a family, strongest first, at most n, each with its kind.
func words(r *goods.Result, fam string, n int) string {
	type w struct {
		s string
		v float64
	}
	var ws []w
	seen := map[string]bool{}
	for _, e := range r.Evidence {
		if e.Class.Family() != fam || e.Weight <= 0 || seen[e.Text] {
			continue
		}
		seen[e.Text] = true
		ws = append(ws, w{fmt.Sprintf("%s %s", e.Kind, strconv.Quote(e.Text)), e.Weight})
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].v > ws[j].v })
	var out []string
	for i := 0; i < len(ws) && i < n; i++ {
		out = append(out, ws[i].s)
	}
	return strings.Join(out, ", ")
}

// claimText says what the text claims instead.
func claimText(r *goods.Result) string {
	var ws []string
	for _, e := range r.Declared {
		if len(ws) < 3 {
			ws = append(ws, strconv.Quote(e.Text))
		}
	}
	label := string(r.DeclaredClass)
	if info, ok := hs.Class(label); ok {
		label = info.Name
	}
	if len(ws) == 0 {
		return "the text claims " + label
	}
	return "the text claims " + label + " (" + strings.Join(ws, ", ") + ")"
}

// hsText writes the code and what it says.
func hsText(c hs.Code, ms []hs.ClassMatch) string {
	if len(ms) == 0 {
		return fmt.Sprintf("%s: no controlled class (ordinary goods)", c)
	}
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s (%s, rule %s)", m.Name, kindText(m.Kind), m.Prefix))
	}
	return fmt.Sprintf("%s: %s", c, strings.Join(parts, "; "))
}

func kindText(k hs.MatchKind) string {
	switch k {
	case hs.KindIs:
		return "names them"
	case hs.KindIncludes:
		return "covers them among others"
	}
	return "known cover code: does not name them"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
