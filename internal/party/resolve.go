package party

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"tradetrace/internal/names"
)

// Options tune a resolution; the zero value takes the defaults.
type Options struct {
	// Threshold is the combined score (name, country, address) from which two variants are one party;
	// 0 means DefaultThreshold.
	Threshold float64
	// MaxBucket drops blocking keys shared by more names than this: such a key is too common to say
	// anything, and its pairs would cost the square of its size. 0 means DefaultMaxBucket.
	MaxBucket int
	// Workers compare names in parallel; 0 means one per CPU.
	Workers int
}

// Defaults of Options.
const (
	DefaultThreshold = 0.75
	DefaultMaxBucket = 100
)

// Weights of the evidence beside the name score, added to its logit. A shared country is the name engine's
// own weight; a shared address counts only when a rare word of the names also agrees (see distinctivePair):
// it is what joins a firm's English name to its transliterated one ("COPTER LINE LLC" and "OOO KOPTER
// LAYN" at one Moscow address), while many firms at one address with different names stay apart.
const (
	countryWeight = 0.4
	addressWeight = 6.5
	// addressMismatchWeight counts against two variants whose addresses share no number (postcode, house):
	// a firm of a similar name in another city is another firm.
	addressMismatchWeight = -2.5
	// nameFloor is the name score under which a pair is not considered at all.
	nameFloor = 0.001
	// crossNameFloor is the name score a Chinese name and a Latin one at one address count as.
	crossNameFloor = 0.02
	// rareWeight is the names engine's weight from which a word is rare (as in names.Name.Keys).
	rareWeight = 0.45
	// maxSameName caps the all-pairs linking of the variants that share one name string; beyond it they
	// are linked in a chain, most identified first.
	maxSameName = 64
	// maxClusterNumbers caps the address numbers a cluster keeps.
	maxClusterNumbers = 64
	// minSharedKeys is how many blocking keys two names must share to be compared (fewer when a name has
	// fewer keys).
	minSharedKeys = 2
)

// Resolve clusters the variants into parties. See the package comment for the rules.
func Resolve(ctx context.Context, vs []Variant, opt Options) (*Result, error) {
	start := time.Now()
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.MaxBucket <= 0 {
		opt.MaxBucket = DefaultMaxBucket
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	n := len(vs)
	r := &Result{Variants: vs, Of: make([]int, n)}
	r.Stats.Variants = n
	ids := make([]string, n)
	for i := range vs {
		ids[i] = NormalizeID(vs[i].ID)
	}
	u := newClusters(vs, ids)
	r.Stats.MergedByID = u.joinByID()
	root0 := make([]int32, n)
	for i := range root0 {
		root0[i] = int32(u.find(i))
	}

	s, err := prepareStrings(ctx, vs, opt.Workers)
	if err != nil {
		return nil, err
	}

	for i := range vs {
		for _, a := range s.addr[i] {
			if a < 0 || s.addrHan[a] {
				continue
			}
			for _, x := range numbersOf(s.addrToks[a]) {
				root := u.find(i)
				if len(u.nums[root]) < maxClusterNumbers && !slices.Contains(u.nums[root], x) {
					u.nums[root] = append(u.nums[root], x)
				}
			}
		}
	}
	r.Stats.NameStrings = len(s.text)
	r.Stats.Readings = len(s.prep)
	r.strs, r.search = s.byVariant, s.search

	strEdges, compared, err := s.candidates(ctx, root0, opt)
	if err != nil {
		return nil, err
	}
	r.Stats.Compared = compared
	edges := s.variantEdges(vs, strEdges, root0, opt.Threshold)
	s.prep = nil
	slices.SortFunc(edges, func(a, b edge) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.a, b.a); c != 0 {
			return c
		}
		return cmp.Compare(a.b, b.b)
	})
	refused := map[[2]int]bool{}
	for _, e := range edges {
		ra, rb := u.find(int(e.a)), u.find(int(e.b))
		if ra == rb {
			continue
		}
		// A variant without an address must not chain two firms whose addresses differ.
		if !e.addrKnown && u.addressesDiffer(ra, rb) && sigmoid(e.z+addressMismatchWeight) < opt.Threshold {
			continue
		}
		switch u.conflict(ra, rb) {
		case conflictNone:
			u.join(ra, rb)
			r.Stats.MergedByName++
		case conflictID:
			k := [2]int{min(ra, rb), max(ra, rb)}
			if !refused[k] {
				refused[k] = true
				r.Stats.SplitByID++
			}
		}
	}
	r.build(u)
	r.Stats.Parties = len(r.Parties)
	r.Stats.Elapsed = time.Since(start)
	return r, nil
}

// clusters is a union-find over variants; each root holds its cluster's identifiers and country.
type clusters struct {
	parent  []int
	ids     [][]string // at roots: the distinct identifiers of the cluster
	country []string   // at roots: the cluster's country, "" when none is known
	vs      []Variant
	vid     []string
	nums    [][]string // at roots: the numbers of the cluster's addresses (not in Chinese characters)
}

func newClusters(vs []Variant, ids []string) *clusters {
	u := &clusters{parent: make([]int, len(vs)), ids: make([][]string, len(vs)), country: make([]string, len(vs)), vs: vs, vid: ids, nums: make([][]string, len(vs))}
	for i := range vs {
		u.parent[i] = i
		if ids[i] != "" {
			u.ids[i] = []string{ids[i]}
		}
		u.country[i] = vs[i].Country
	}
	return u
}

func (u *clusters) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// join merges two roots; the lower index stays the root.
func (u *clusters) join(a, b int) {
	if a > b {
		a, b = b, a
	}
	u.parent[b] = a
	for _, id := range u.ids[b] {
		if !slices.Contains(u.ids[a], id) {
			u.ids[a] = append(u.ids[a], id)
		}
	}
	u.ids[b] = nil
	for _, n := range u.nums[b] {
		if len(u.nums[a]) < maxClusterNumbers && !slices.Contains(u.nums[a], n) {
			u.nums[a] = append(u.nums[a], n)
		}
	}
	u.nums[b] = nil
	if u.country[a] == "" {
		u.country[a] = u.country[b]
	}
}

type conflictKind uint8

const (
	conflictNone conflictKind = iota
	conflictCountry
	conflictID
)

// conflict says why two clusters cannot be one party: different countries, or identifiers on both sides
// none of which agree.
func (u *clusters) conflict(a, b int) conflictKind {
	if ca, cb := u.country[a], u.country[b]; ca != "" && cb != "" && ca != cb {
		return conflictCountry
	}
	if len(u.ids[a]) > 0 && len(u.ids[b]) > 0 {
		for _, x := range u.ids[a] {
			if slices.Contains(u.ids[b], x) {
				return conflictNone
			}
		}
		return conflictID
	}
	return conflictNone
}

// addressesDiffer reports whether both clusters have numbered addresses and none of the numbers agree.
func (u *clusters) addressesDiffer(a, b int) bool {
	if len(u.nums[a]) == 0 || len(u.nums[b]) == 0 {
		return false
	}
	for _, n := range u.nums[a] {
		if slices.Contains(u.nums[b], n) {
			return false
		}
	}
	return true
}

// joinByID merges the variants that carry one identifier in one country; a variant with an identifier and
// no country joins the identifier's cluster when the identifier is known in exactly one country. It returns
// the number of merges.
func (u *clusters) joinByID() int {
	merged := 0
	first := map[string]int{} // identifier|country → first variant
	countries := map[string][]string{}
	for i, v := range u.vs {
		id := u.vid[i]
		if id == "" || v.Country == "" {
			continue
		}
		k := id + "|" + v.Country
		if j, ok := first[k]; ok {
			if ra, rb := u.find(i), u.find(j); ra != rb {
				u.join(ra, rb)
				merged++
			}
			continue
		}
		first[k] = i
		countries[id] = append(countries[id], v.Country)
	}
	for i, v := range u.vs {
		id := u.vid[i]
		if id == "" || v.Country != "" {
			continue
		}
		k := id + "|"
		if cs := countries[id]; len(cs) == 1 {
			k = id + "|" + cs[0]
		}
		if j, ok := first[k]; ok {
			if ra, rb := u.find(i), u.find(j); ra != rb {
				u.join(ra, rb)
				merged++
			}
			continue
		}
		first[k] = i
	}
	return merged
}

// nameStrings is the distinct names of the variants (both renderings, addresses glued to them removed),
// prepared once, with the variants that use each and the blocking index.
type nameStrings struct {
	text      []string
	prep      []names.Name
	keys      [][]string
	users     [][]int32  // variants using each string
	han       []bool     // per reading: the name is written in Chinese characters
	byVariant [][2]int32 // the strings of each variant (-1: none)
	search    []string   // normalised forms of each string, for search
	addr      [][2]int32 // address token sets of each variant (-1: none)
	addrToks  [][]string
	addrHan   []bool // the address is written in Chinese characters
}

func prepareStrings(ctx context.Context, vs []Variant, workers int) (*nameStrings, error) {
	s := &nameStrings{byVariant: make([][2]int32, len(vs)), addr: make([][2]int32, len(vs))}
	idx := map[string]int32{}
	addrIdx := map[string]int32{}
	var addrText []string
	for i := range vs {
		v := &vs[i]
		for k, a := range [2]string{v.Address, v.AddressEn} {
			s.addr[i][k] = -1
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			j, ok := addrIdx[a]
			if !ok {
				j = int32(len(addrText))
				addrIdx[a] = j
				addrText = append(addrText, a)
			}
			s.addr[i][k] = j
		}
		for k, nm := range [2]string{v.Name, v.NameEn} {
			s.byVariant[i][k] = -1
			if nm = strings.TrimSpace(nm); nm == "" {
				continue
			}
			nm = cleanName(nm, v.Address, v.AddressEn)
			j, ok := idx[nm]
			if !ok {
				j = int32(len(s.text))
				idx[nm] = j
				s.text = append(s.text, nm)
				s.users = append(s.users, nil)
			}
			if !slices.Contains(s.users[j], int32(i)) {
				s.users[j] = append(s.users[j], int32(i))
			}
			s.byVariant[i][k] = j
		}
	}
	s.prep = make([]names.Name, len(s.text))
	s.keys = make([][]string, len(s.text))
	s.search = make([]string, len(s.text))
	s.addrToks = make([][]string, len(addrText))
	s.addrHan = make([]bool, len(addrText))
	for i, a := range addrText {
		s.addrHan[i] = strings.ContainsFunc(a, isHan)
	}
	err := parallel(ctx, workers, len(s.text)+len(addrText), func(i int) {
		if i >= len(s.text) {
			s.addrToks[i-len(s.text)] = addressTokens(addrText[i-len(s.text)])
			return
		}
		p := names.Prepare(s.text[i], names.Options{})
		s.prep[i] = p
		s.keys[i] = p.Keys()
		s.search[i] = searchWords(p)
	})
	if err != nil {
		return nil, err
	}
	s.collapse()
	return s, nil
}

// collapse merges the name strings that read the same in Latin once legal forms are set aside ("ООО
// «КОПТЕР ЛАЙН»", "OOO KOPTER LAYN" and "KOPTER LAYN LLC"): they are compared once, as one name, and their
// variants are linked as if they wrote one string. prep, keys and users become per reading; text, search and
// byVariant stay per string.
func (s *nameStrings) collapse() {
	group := map[string]int32{}
	var prep []names.Name
	var keys [][]string
	var users [][]int32
	for i := range s.prep {
		k := s.prep[i].Latin()
		if k == "" {
			k = "\x00" + s.text[i]
		}
		g, ok := group[k]
		if !ok {
			g = int32(len(prep))
			group[k] = g
			prep = append(prep, s.prep[i])
			keys = append(keys, s.keys[i])
			users = append(users, nil)
		}
		for _, v := range s.users[i] {
			if !slices.Contains(users[g], v) {
				users[g] = append(users[g], v)
			}
		}
	}
	s.prep, s.keys, s.users = prep, keys, users
	s.han = make([]bool, len(prep))
	for g := range prep {
		s.han[g] = strings.ContainsFunc(prep[g].Raw(), isHan)
	}
	for g := range s.keys {
		s.keys[g] = s.extraKeys(s.keys[g], g)
	}
}

// extraKeys adds two blocking keys to the name engine's: the first four letters of each rare word's
// phonetic key ("q:armt" for ARMTEKH and ARMTECH, whose keys differ), and the numbers of the addresses the
// reading's variants are written with ("@101034 77"), so that two renderings of one firm at one address are
// compared even when every word is spelt differently.
func (s *nameStrings) extraKeys(keys []string, g int) []string {
	out := slices.Clone(keys)
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, t := range s.prep[g].Tokens() {
		if t.Role == names.RoleWord && t.Weight >= rareWeight && len(t.Key) >= 4 {
			add("q:" + t.Key[:4])
		}
	}
	for _, v := range s.users[g] {
		for _, a := range s.addr[v] {
			if a < 0 {
				continue
			}
			if nums := numbersOf(s.addrToks[a]); len(nums) > 0 {
				add("@" + strings.Join(nums, " "))
			}
		}
	}
	return out
}

// searchWords returns the normalised words of a name in its own script and in Latin, distinct.
func searchWords(p names.Name) string {
	ws := append(strings.Fields(p.Normalized()), strings.Fields(p.Latin())...)
	slices.Sort(ws)
	return strings.Join(slices.Compact(ws), " ")
}

// parallel calls fn for 0..n-1 on workers goroutines, stopping early when ctx is done.
func parallel(ctx context.Context, workers, n int, fn func(i int)) error {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if i%1024 == w && ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("resolve parties: %w", err)
	}
	return nil
}

// strEdge is a pair of name strings whose names match well enough to be looked at variant by variant.
type strEdge struct {
	i, j   int32
	name   float64 // name score
	strong bool    // a rare word agrees closely (see distinctivePair)
	cross  bool    // one name is in Chinese characters, the other is not
}

// candidates compares the name strings that share a blocking key, each pair once, skipping pairs whose
// variants are already one cluster.
func (s *nameStrings) candidates(ctx context.Context, root0 []int32, opt Options) ([]strEdge, int, error) {
	index := map[string][]int32{}
	for i, ks := range s.keys {
		for _, k := range ks {
			index[k] = append(index[k], int32(i))
		}
	}
	for k, b := range index {
		if len(b) > opt.MaxBucket {
			delete(index, k)
		}
	}
	// the single cluster all of a string's variants are in, or -1
	strRoot := make([]int32, len(s.prep))
	for i, us := range s.users {
		strRoot[i] = root0[us[0]]
		for _, v := range us[1:] {
			if root0[v] != strRoot[i] {
				strRoot[i] = -1
				break
			}
		}
	}
	out := make([][]strEdge, opt.Workers)
	counts := make([]int, opt.Workers)
	var wg sync.WaitGroup
	for w := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stamp := make([]int32, len(s.prep))
			shared := make([]uint8, len(s.prep))
			for i := range stamp {
				stamp[i] = -1
			}
			var cand []int32
			for i := w; i < len(s.prep); i += opt.Workers {
				if i%256 == w && ctx.Err() != nil {
					return
				}
				cand = cand[:0]
				for _, k := range s.keys[i] {
					for _, j := range index[k] {
						if int(j) <= i {
							continue
						}
						if stamp[j] != int32(i) {
							stamp[j] = int32(i)
							shared[j] = 0
							cand = append(cand, j)
						}
						// an address in common is enough to compare a name in Chinese characters with a
						// Latin one: their words rarely share a key
						if k[0] == '@' && s.han[i] != s.han[int(j)] {
							shared[j] = 254
						}
						if shared[j] < 255 {
							shared[j]++
						}
					}
				}
				for _, j := range cand {
					// One shared key is enough only for names with few keys: two names of several
					// words that agree on one prefix or skeleton are rarely one company.
					if need := min(len(s.keys[i]), len(s.keys[j]), minSharedKeys); int(shared[j]) < need {
						continue
					}
					if strRoot[i] >= 0 && strRoot[i] == strRoot[j] {
						continue
					}
					{
						sc := names.Compare(s.prep[i], s.prep[j])
						counts[w]++
						cross := s.han[i] != s.han[j]
						if sc.Value < nameFloor && !cross {
							continue
						}
						out[w] = append(out[w], strEdge{i: int32(i), j: j, name: sc.Value, strong: distinctivePair(sc, s.prep[i]), cross: cross})
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("resolve parties: %w", err)
	}
	var all []strEdge
	total := 0
	for w := range out {
		all = append(all, out[w]...)
		total += counts[w]
	}
	return all, total, nil
}

// edge is a candidate merge of two variants with its combined score.
type edge struct {
	a, b      int32
	score     float64
	z         float64 // logit of score
	addrKnown bool    // the two variants' addresses were compared (same or different)
}

// variantEdges turns name matches into variant pairs scored with their countries and addresses, and links
// the variants that share a name string. Pairs under the threshold, of different countries, or already in
// one cluster are left out.
func (s *nameStrings) variantEdges(vs []Variant, strEdges []strEdge, root0 []int32, threshold float64) []edge {
	var out []edge
	add := func(a, b int32, name float64, strong, cross bool) {
		if a == b || root0[a] == root0[b] {
			return
		}
		ca, cb := vs[a].Country, vs[b].Country
		if ca != "" && cb != "" && ca != cb {
			return
		}
		if cross {
			// A Chinese name and its English rendering share few words the engine can pair (中国北方工业
			// and CHINA NORTH INDUSTRIES): one address written both ways, in one country, stands in for
			// the name, and nothing else does.
			if ca == "" || ca != cb || !s.crossAddress(a, b) {
				return
			}
			name = max(name, crossNameFloor)
			strong = true
		} else if name < nameFloor {
			return
		}
		z := logit(name)
		if ca != "" && ca == cb {
			z += countryWeight
		}
		ae := s.addressEvidence(a, b)
		switch ae {
		case addrSame:
			if strong {
				z += addressWeight
			}
		case addrDifferent:
			z += addressMismatchWeight
		}
		if sc := sigmoid(z); sc >= threshold {
			out = append(out, edge{a: min(a, b), b: max(a, b), score: sc, z: z, addrKnown: ae != addrUnknown})
		}
	}
	for _, e := range strEdges {
		for _, a := range s.users[e.i] {
			for _, b := range s.users[e.j] {
				add(a, b, e.name, e.strong, e.cross)
			}
		}
	}
	for _, us := range s.users {
		if len(us) < 2 {
			continue
		}
		if len(us) <= maxSameName {
			for x := range us {
				for y := x + 1; y < len(us); y++ {
					add(us[x], us[y], 1, true, false)
				}
			}
			continue
		}
		chain := slices.Clone(us)
		slices.SortFunc(chain, func(a, b int32) int {
			return cmp.Compare(vs[b].Lines(), vs[a].Lines())
		})
		for x := 1; x < len(chain); x++ {
			add(chain[x-1], chain[x], 1, true, false)
		}
	}
	return out
}

// crossAddress reports whether a variant with an address in Chinese characters and one with a Latin address
// are at one place: four words in common, or three with the numbers of both addresses alike.
func (s *nameStrings) crossAddress(a, b int32) bool {
	for _, x := range s.addr[a] {
		for _, y := range s.addr[b] {
			if x < 0 || y < 0 || s.addrHan[x] == s.addrHan[y] {
				continue
			}
			if crossAddressMatch(s.addrToks[x], s.addrToks[y]) {
				return true
			}
		}
	}
	return false
}

type addrEvidence uint8

const (
	addrUnknown   addrEvidence = iota
	addrSame                   // some address of one matches some address of the other
	addrDifferent              // both have numbered addresses and no number in common
)

// addressEvidence compares the addresses of two variants. Addresses in Chinese characters are left out of
// the "different" verdict: their numbers are written apart from words the Latin rendering translates.
func (s *nameStrings) addressEvidence(a, b int32) addrEvidence {
	numbered, sharedNumber := false, false
	for _, x := range s.addr[a] {
		for _, y := range s.addr[b] {
			if x < 0 || y < 0 {
				continue
			}
			if x == y || addressMatch(s.addrToks[x], s.addrToks[y], s.addrHan[x] != s.addrHan[y]) {
				return addrSame
			}
			if s.addrHan[x] || s.addrHan[y] {
				sharedNumber = true
				continue
			}
			nx, ny := numbersOf(s.addrToks[x]), numbersOf(s.addrToks[y])
			if len(nx) > 0 && len(ny) > 0 {
				numbered = true
				for _, n := range nx {
					if slices.Contains(ny, n) {
						sharedNumber = true
					}
				}
			}
		}
	}
	if numbered && !sharedNumber {
		return addrDifferent
	}
	return addrUnknown
}

func logit(p float64) float64 {
	p = min(max(p, 1e-9), 1-1e-6)
	return math.Log(p / (1 - p))
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// build groups the variants by cluster and gives each party its id: a hash of its lowest variant key, so a
// party keeps its id across rebuilds while it keeps that variant.
func (r *Result) build(u *clusters) {
	byRoot := map[int]int{}
	for i := range r.Variants {
		root := u.find(i)
		p, ok := byRoot[root]
		if !ok {
			p = len(r.Parties)
			byRoot[root] = p
			r.Parties = append(r.Parties, Party{})
		}
		r.Parties[p].Variants = append(r.Parties[p].Variants, i)
	}
	lowest := make([]string, len(r.Parties))
	for p := range r.Parties {
		vs := r.Parties[p].Variants
		lowest[p] = r.Variants[vs[0]].Key()
		for _, v := range vs[1:] {
			if k := r.Variants[v].Key(); k < lowest[p] {
				lowest[p] = k
			}
		}
		slices.SortFunc(vs, func(a, b int) int {
			if c := cmp.Compare(r.Variants[b].Lines(), r.Variants[a].Lines()); c != 0 {
				return c
			}
			return cmp.Compare(r.Variants[a].Key(), r.Variants[b].Key())
		})
	}
	order := make([]int, len(r.Parties))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(lowest[a], lowest[b]) })
	used := make(map[int64]bool, len(order))
	for _, p := range order {
		id := hashID(lowest[p])
		for n := 1; used[id]; n++ {
			id = hashID(lowest[p] + "#" + strconv.Itoa(n))
		}
		used[id] = true
		r.Parties[p].ID = id
	}
	lines := func(p Party) int64 {
		var n int64
		for _, v := range p.Variants {
			n += r.Variants[v].Lines()
		}
		return n
	}
	slices.SortFunc(r.Parties, func(a, b Party) int {
		if c := cmp.Compare(lines(b), lines(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for p := range r.Parties {
		for _, v := range r.Parties[p].Variants {
			r.Of[v] = p
		}
	}
}

// hashID maps a key to a positive id that fits the 53 bits JavaScript numbers hold exactly.
func hashID(k string) int64 {
	id := int64(xxhash.Sum64String(k) & (1<<53 - 1))
	if id == 0 {
		id = 1
	}
	return id
}
