package cases

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/names"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// Version is the version of the grouping and scoring rules, shown with every case score.
const Version = "2"

// Options tune Build. The zero value is usable.
type Options struct {
	// RouteDetectors names detectors whose findings are about routes whatever their shipments' countries say
	// (chains, for example). Findings whose shipments went through a hub are route findings anyway.
	RouteDetectors []string
	// Now stamps the cases; zero takes the current time.
	Now time.Time
}

// Scoring constants. A detector's repeated findings about one target are not independent evidence: they add
// at most repeatGain of what the best one leaves. Different detectors are: the strongest sets the level and the
// others, combined by noisy-or, close up to othersWeight of the gap it leaves. A flow
// declared by two customs services (the export side and the import side) is corroborated: it adds
// corroborationGain times the best finding's score as one more piece of evidence. No amount of evidence makes
// a case certain: scores above knee are pressed into [knee, maxScore), keeping their order.
const (
	repeatGain        = 0.1
	corroborationGain = 0.1
	// othersWeight is how much of the gap the strongest detector leaves the other detectors may close together.
	othersWeight = 0.8
	maxScore     = 0.99
	knee         = 0.9
	maxReasons   = 12
)

// Build groups findings into party and route cases, scores them and orders them by descending score, then key.
// A finding dismissed in triage stays in its cases' findings but adds nothing to their scores. Build is
// deterministic: the same inputs give the same cases with the same ids.
func Build(in []Input, opt Options) []Case {
	now := opt.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	routeDet := map[string]bool{}
	for _, d := range opt.RouteDetectors {
		routeDet[d] = true
	}
	// Findings in key order, so that everything below is independent of the input order.
	// (An order of indexes, then one copy of each input: sorting the inputs themselves moved them about many
	// times over, and they are large.)
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(in[a].Finding.Key, in[b].Finding.Key) })
	sorted := make([]Input, len(in))
	for i, j := range order {
		sorted[i] = in[j]
	}
	in = sorted

	g := newGrouper()
	g.prepareNames(in)
	members := map[string][]int{} // route case key → input indexes
	for i := range in {
		g.add(i, &in[i])
		if k, ok := routeKey(&in[i], routeDet); ok {
			members[k] = append(members[k], i)
		}
	}
	out := make([]Case, 0, len(members))
	for key, idx := range g.cases() {
		c := newCase(key, KindParty, in, idx)
		c.Title = g.title(key)
		c.PartyIDs = g.partyIDs(key)
		out = append(out, c)
	}
	for key, idx := range members {
		c := newCase(key, KindRoute, in, idx)
		c.Title = routeTitle(key, in, idx)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Key < out[j].Key
	})
	for i := range out {
		out[i].ID = int64(i + 1)
		out[i].Created = now
		out[i].Status = StatusNew
	}
	return out
}

// newCase scores the findings idx of in as one case and ranks its reasons.
func newCase(key string, kind Kind, in []Input, idx []int) Case {
	c := Case{Key: key, Kind: kind}
	slices.SortStableFunc(idx, func(a, b int) int {
		fa, fb := &in[a].Finding, &in[b].Finding
		if fa.Score != fb.Score {
			if fa.Score > fb.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(fa.Key, fb.Key)
	})
	perDet := map[string][]float64{}
	var counted []int
	sides := map[string]map[string]bool{} // goods class and month → declarants
	for _, i := range idx {
		f := &in[i].Finding
		c.Findings = append(c.Findings, f.Key)
		c.ValueUSD += f.ValueUSD
		if t := in[i].First; !t.IsZero() && (c.FirstDate.IsZero() || t.Before(c.FirstDate)) {
			c.FirstDate = t
		}
		if t := in[i].Last; !t.IsZero() && t.After(c.LastDate) {
			c.LastDate = t
		}
		if in[i].Status == StatusDismissed {
			continue
		}
		counted = append(counted, i)
		perDet[f.Detector] = append(perDet[f.Detector], f.Score)
		flow := goodsLabel(f)
		if !in[i].First.IsZero() {
			flow += " in " + in[i].First.Format("2006-01")
		}
		if sides[flow] == nil {
			sides[flow] = map[string]bool{}
		}
		for _, r := range in[i].Reporters {
			sides[flow][r] = true
		}
	}
	// Each detector's evidence: its best finding, and a little more for each repeat.
	var dets []string
	detScore := map[string]float64{}
	for d, ss := range perDet {
		dets = append(dets, d)
		detScore[d] = repeated(ss)
	}
	// The strongest detector sets the case's level; the others, combined by noisy-or, close part of the gap to
	// 1. Plain noisy-or let five weak signals of broad detectors outrank one listed party with military goods.
	sort.Slice(dets, func(a, b int) bool {
		if detScore[dets[a]] != detScore[dets[b]] {
			return detScore[dets[a]] > detScore[dets[b]]
		}
		return dets[a] < dets[b]
	})
	miss := 1.0
	best := 0.0
	if len(dets) > 0 {
		othersMiss := 1.0
		for _, d := range dets[1:] {
			othersMiss *= 1 - detScore[d]
		}
		top := detScore[dets[0]]
		miss = (1 - top) * (1 - othersWeight*(1-othersMiss))
	}
	for _, d := range dets {
		best = math.Max(best, perDet[d][0])
	}
	var extra []Reason
	flows := make([]string, 0, len(sides))
	for fl := range sides {
		flows = append(flows, fl)
	}
	sort.Strings(flows)
	for _, fl := range flows {
		if exp, imp := corroborated(sides[fl]); exp != "" {
			gain := corroborationGain * best
			miss *= 1 - gain
			extra = append(extra, Reason{Score: round3(gain),
				Text: fmt.Sprintf("%s declared on both sides of the border: %s and %s", fl, exp, imp)})
			break
		}
	}
	c.Score = squash(1 - miss)

	// Reasons: the best finding of each detector first (the independent evidence, strongest first), then the
	// facts about the case, then the repeats.
	var firsts, rest []Reason
	seenDet := map[string]bool{}
	for _, i := range counted {
		f := &in[i].Finding
		r := Reason{Detector: f.Detector, FindingKey: f.Key, Score: f.Score, Text: f.Title}
		if !seenDet[f.Detector] {
			seenDet[f.Detector] = true
			firsts = append(firsts, r)
		} else {
			rest = append(rest, r)
		}
	}
	c.Reasons = append(append(firsts, extra...), rest...)
	if n := len(perDet); n > 1 {
		c.Reasons = append([]Reason{{Score: c.Score, Text: fmt.Sprintf("%d detectors agree", n)}}, c.Reasons...)
	}
	if len(c.Reasons) > maxReasons {
		more := len(c.Reasons) - maxReasons + 1
		c.Reasons = append(c.Reasons[:maxReasons-1], Reason{Text: fmt.Sprintf("and %d more findings", more)})
	}
	if c.Reasons == nil {
		c.Reasons = []Reason{}
	}
	return c
}

// repeated combines one detector's scores (best first): the best, plus up to repeatGain of what it leaves,
// approached as repeats accumulate.
func repeated(ss []float64) float64 {
	s := ss[0]
	if len(ss) > 1 {
		s += (1 - s) * repeatGain * (1 - math.Pow(0.5, float64(len(ss)-1)))
	}
	return s
}

// corroborated returns an export-side and an import-side declarant of different countries when there are
// such: one flow seen by two customs services.
func corroborated(sides map[string]bool) (exp, imp string) {
	var exps, imps []string
	for s := range sides {
		switch {
		case strings.HasSuffix(s, " export"):
			exps = append(exps, s)
		case strings.HasSuffix(s, " import"):
			imps = append(imps, s)
		}
	}
	sort.Strings(exps)
	sort.Strings(imps)
	for _, e := range exps {
		for _, i := range imps {
			if e[:strings.IndexByte(e, ' ')] != i[:strings.IndexByte(i, ' ')] {
				return e, i
			}
		}
	}
	return "", ""
}

// squash maps [0, 1] onto [0, maxScore]: unchanged up to knee, then compressed so that strong cases keep their
// order (0.999 → 0.981, 0.9999 → 0.987) instead of meeting at a cap.
func squash(x float64) float64 {
	if x <= knee {
		return x
	}
	return maxScore - (maxScore-knee)*math.Sqrt(math.Max(0, 1-x)/(1-knee))
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// routeKey is the route case of a finding, if it is a route finding: "route:CN-AE-RU:drone-parts". A finding
// is about a route when a route detector raised it, or when every one of its shipments was dispatched from a
// hub; a route detector's finding may link records on both sides of a hub (the maker's sale to the hub company,
// the hub company's sale on), and its route is then read across them: origin → hub → destination.
func routeKey(in *Input, routeDet map[string]bool) (string, bool) {
	var via []Route
	all := len(in.Routes) > 0
	for _, r := range in.Routes {
		if r.ViaHub() {
			via = append(via, r)
		} else {
			all = false
		}
	}
	switch {
	case routeDet[in.Finding.Detector]:
		if len(via) == 0 {
			if r, ok := acrossHub(in.Routes); ok {
				via = []Route{r}
			}
		}
	case !all:
		// A finding about a party (a listed name, a new buyer) cites its shipments whatever their route: it is
		// about a route only when every one of them went through a hub.
		via = nil
	}
	if len(via) == 0 {
		return "", false
	}
	sortRoutes(via)
	r := via[0]
	return fmt.Sprintf("route:%s-%s-%s:%s", code(r.Origin), code(r.Dispatch), code(r.Destination), goodsSlug(&in.Finding)), true
}

// acrossHub reads one route out of the legs of a chain: the origin of a leg bound for a hub, the hub, and the
// destination of a leg leaving it.
func acrossHub(legs []Route) (Route, bool) {
	legs = append([]Route(nil), legs...)
	sortRoutes(legs)
	for _, in := range legs {
		if !country.IsHub(in.Destination) {
			continue
		}
		for _, out := range legs {
			if out.Destination != in.Destination && (out.Dispatch == in.Destination || out.Origin == in.Destination || out.Dispatch == country.Unknown) {
				return Route{Origin: in.Origin, Dispatch: in.Destination, Destination: out.Destination}, true
			}
		}
	}
	return Route{}, false
}

func sortRoutes(rs []Route) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Origin != b.Origin {
			return a.Origin < b.Origin
		}
		if a.Dispatch != b.Dispatch {
			return a.Dispatch < b.Dispatch
		}
		return a.Destination < b.Destination
	})
}

func code(c country.Code) string {
	if c == country.Unknown {
		return "XX"
	}
	return string(c)
}

// Trim drops from a finding what Build does not read: its explanation, its cited records and store ids, and
// every piece of evidence but those goodsLabel reads. The findings of a 10M-line store are some 570k, and
// their explanations and evidence held whole kept the Go heap near its limit while the cases were built, so
// that the collector ran most of the time.
func Trim(f *trade.Finding) {
	f.Explanation, f.Shipments, f.ShipmentIDs = "", nil, nil
	var goods []trade.Evidence
	for _, e := range f.Evidence {
		if isGoodsEvidence(e.Label) {
			goods = append(goods, e)
		}
	}
	f.Evidence = goods
}

// isGoodsEvidence says whether evidence with this label names the goods of a finding (see goodsLabel).
func isGoodsEvidence(label string) bool {
	return label == "goods class" || label == "goods" || strings.HasPrefix(label, "goods (")
}

// goodsLabel is the goods class of a finding as its evidence names it (the military detector's "goods class",
// the first of the transshipment detector's "goods", the class before the colon of the misdeclaration
// detector's "goods (text, model, maker)"), "goods" when it names none.
func goodsLabel(f *trade.Finding) string {
	for _, e := range f.Evidence {
		if !isGoodsEvidence(e.Label) {
			continue
		}
		v, _, _ := strings.Cut(e.Value, ": ")
		v, _, _ = strings.Cut(v, ", ")
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return "goods"
}

// goodsSlug is the goods class of a finding as a key part: "drone-parts"; "any" when it names none.
func goodsSlug(f *trade.Finding) string {
	label := goodsLabel(f)
	if label == "goods" {
		return "any"
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(label) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	if s := strings.TrimSuffix(b.String(), "-"); s != "" {
		return s
	}
	return "any"
}

func routeTitle(key string, in []Input, idx []int) string {
	rest := strings.TrimPrefix(key, "route:")
	path, _, _ := strings.Cut(rest, ":")
	parts := strings.Split(path, "-")
	for i, p := range parts {
		if n := country.Name(country.Code(p)); n != "" {
			parts[i] = n
		}
	}
	label := "goods"
	if len(idx) > 0 {
		label = goodsLabel(&in[idx[0]].Finding)
	}
	return fmt.Sprintf("Route %s: %s", strings.Join(parts, " → "), label)
}

// grouper puts the parties named by findings into groups, one per party: by resolved party id where party
// resolution has run, otherwise by identifier and country or by normalised name and country, joined when one
// appearance carries several (a name with its identifier; a name with its English rendering).
type grouper struct {
	parent  map[string]string
	members map[string][]int          // node → input indexes
	names   map[string]map[string]int // node → display name → appearances
	ids     map[string][]int64
	built   map[string][]int
	keyOf   map[string]string   // root → case key
	nodes   map[string][]string // case key → its nodes
	// nameKeys memoises NameKey: findings name the same parties over and over.
	nameKeys map[string]string
}

func newGrouper() *grouper {
	return &grouper{parent: map[string]string{}, members: map[string][]int{}, names: map[string]map[string]int{},
		ids: map[string][]int64{}, nameKeys: map[string]string{}}
}

func (g *grouper) find(x string) string {
	if _, ok := g.parent[x]; !ok {
		g.parent[x] = x
	}
	for g.parent[x] != x {
		g.parent[x] = g.parent[g.parent[x]]
		x = g.parent[x]
	}
	return x
}

func (g *grouper) union(a, b string) {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	g.parent[rb] = ra
}

// add records the parties of one finding and returns the nodes they were put under.
func (g *grouper) add(i int, in *Input) []string {
	var nodes []string
	resolved := map[string][]int64{}
	for _, p := range in.Parties {
		resolved[p.Role] = append(resolved[p.Role], p.ID)
	}
	for _, p := range in.Finding.Parties {
		label := strings.TrimSpace(p.Name)
		if p.Country != "" {
			label += " (" + p.Country + ")"
		}
		// Resolved parties are already one party each: a finding whose lines in this role belong to several
		// parties (a shared address, a hub's many buyers) joins each party's case, and never merges them.
		if ids := resolved[p.Role]; len(ids) > 0 {
			for _, id := range ids {
				k := "r:" + strconv.FormatInt(id, 10)
				if !containsInt(g.ids[k], id) {
					g.ids[k] = append(g.ids[k], id)
				}
				nodes = append(nodes, g.member(k, i, label))
			}
			continue
		}
		// Unresolved, the keys of one appearance (its identifier, the readings of its name) are one party.
		keys := g.appearanceKeys(p)
		if len(keys) == 0 {
			continue
		}
		g.find(keys[0])
		for _, k := range keys[1:] {
			g.union(keys[0], k)
		}
		nodes = append(nodes, g.member(keys[0], i, label))
	}
	return nodes
}

// member puts finding i under node n, shown with this label, and returns n.
func (g *grouper) member(n string, i int, label string) string {
	g.find(n)
	if !containsIndex(g.members[n], i) {
		g.members[n] = append(g.members[n], i)
	}
	if g.names[n] == nil {
		g.names[n] = map[string]int{}
	}
	g.names[n][label]++
	return n
}

func containsIndex(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func containsInt(s []int64, v int64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// prepareNames computes the name keys of every party the findings name, on every core: preparing names is
// most of the work of grouping.
func (g *grouper) prepareNames(in []Input) {
	var todo []string
	for i := range in {
		for _, p := range in[i].Finding.Parties {
			for _, n := range readings(p.Name) {
				if _, ok := g.nameKeys[n]; !ok {
					g.nameKeys[n] = ""
					todo = append(todo, n)
				}
			}
		}
	}
	keys := make([]string, len(todo))
	par.For(len(todo), 0, func(i int) { keys[i] = NameKey(todo[i]) })
	for i, n := range todo {
		g.nameKeys[n] = keys[i]
	}
}

// cases returns the groups as case key → input indexes (each once, in input order).
func (g *grouper) cases() map[string][]int {
	byRoot := map[string][]string{}
	for n := range g.parent {
		r := g.find(n)
		byRoot[r] = append(byRoot[r], n)
	}
	g.keyOf = map[string]string{}
	g.built = map[string][]int{}
	g.nodes = map[string][]string{}
	for root, nodes := range byRoot {
		key := caseKey(nodes)
		g.keyOf[root] = key
		g.nodes[key] = nodes
		seen := map[int]bool{}
		var idx []int
		for _, n := range nodes {
			for _, i := range g.members[n] {
				if !seen[i] {
					seen[i] = true
					idx = append(idx, i)
				}
			}
		}
		if len(idx) == 0 {
			continue
		}
		sort.Ints(idx)
		g.built[key] = idx
	}
	return g.built
}

// caseKey names a group after its most stable node: a resolved party id, else an identifier, else a name.
func caseKey(nodes []string) string {
	best := ""
	rank := func(n string) int {
		switch {
		case strings.HasPrefix(n, "r:"):
			return 0
		case strings.HasPrefix(n, "id:"):
			return 1
		}
		return 2
	}
	for _, n := range nodes {
		if best == "" || rank(n) < rank(best) || rank(n) == rank(best) && less(n, best) {
			best = n
		}
	}
	if strings.HasPrefix(best, "r:") {
		return "party:" + strings.TrimPrefix(best, "r:")
	}
	return "party:" + best
}

// less orders resolved ids numerically and other nodes as strings.
func less(a, b string) bool {
	if strings.HasPrefix(a, "r:") && strings.HasPrefix(b, "r:") {
		x, _ := strconv.ParseInt(a[2:], 10, 64)
		y, _ := strconv.ParseInt(b[2:], 10, 64)
		return x < y
	}
	return a < b
}

func (g *grouper) nodesOf(key string) []string { return g.nodes[key] }

// title is the party's most frequent name as written, with its country.
func (g *grouper) title(key string) string {
	count := map[string]int{}
	for _, n := range g.nodesOf(key) {
		for name, c := range g.names[n] {
			count[name] += c
		}
	}
	best, bc := "", -1
	for name, c := range count {
		if c > bc || c == bc && name < best {
			best, bc = name, c
		}
	}
	return best
}

func (g *grouper) partyIDs(key string) []int64 {
	var out []int64
	for _, n := range g.nodesOf(key) {
		for _, id := range g.ids[n] {
			if !containsInt(out, id) {
				out = append(out, id)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	if out == nil {
		out = []int64{}
	}
	return out
}

// appearanceKeys are the grouping keys of a party as a finding names it: "id:CC:IDENT" for its identifier and
// "name:CC:keys" for its name, and for each reading when the name carries an English rendering in brackets.
func (g *grouper) appearanceKeys(p trade.FindingParty) []string {
	cc := strings.ToUpper(strings.TrimSpace(p.Country))
	var keys []string
	if id := normalizeID(p.ID); id != "" {
		keys = append(keys, "id:"+cc+":"+id)
	}
	for _, n := range readings(p.Name) {
		k, ok := g.nameKeys[n]
		if !ok {
			k = NameKey(n)
			g.nameKeys[n] = k
		}
		if k != "" {
			keys = append(keys, "name:"+cc+":"+k)
		}
	}
	return keys
}

// readings splits "ORIGINAL (ENGLISH)", the way findings show a name with its English rendering, into both;
// other names are one reading.
func readings(name string) []string {
	name = strings.TrimSpace(name)
	if strings.EqualFold(name, "unknown") {
		return nil
	}
	if strings.HasSuffix(name, ")") {
		if open := strings.LastIndex(name, " ("); open > 0 {
			a, b := strings.TrimSpace(name[:open]), strings.TrimSpace(name[open+2:len(name)-1])
			if a != "" && b != "" && !strings.ContainsAny(b, "()") {
				return []string{a, b}
			}
		}
	}
	if name == "" {
		return nil
	}
	return []string{name}
}

// NameKey is the normalised key under which variants of one organisation's name meet: the phonetic keys of
// its words, legal forms set aside, sorted and without repeats ("ЗАО «Техкрим»" and "TEKHKRIM ZAO" give the
// same key). It is "" when too little of the name is left to tell parties apart.
func NameKey(name string) string {
	toks := names.PrepareTokens(name, names.Options{Kind: names.KindOrganization})
	// Organisation words (company, group, trading …) are left out when the rest still tells parties apart:
	// "YADANAR AERO SERVICES CO., LTD." and "YADANAR AERO SERVICES COMPANY LIMITED" meet.
	if words := keysOf(toks, false); len(words) >= 2 || len(strings.Join(words, "")) >= 8 {
		return strings.Join(words, " ")
	}
	all := keysOf(toks, true)
	if len(strings.Join(all, "")) < 3 {
		return ""
	}
	return strings.Join(all, " ")
}

// keysOf returns the sorted distinct phonetic keys of the tokens, organisation words included or not.
func keysOf(toks []names.Token, symbols bool) []string {
	var ks []string
	for _, t := range toks {
		if t.Role == names.RoleSymbol && !symbols {
			continue
		}
		k := t.Key
		if k == "" {
			k = t.Latin
		}
		if k != "" && !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

func normalizeID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
