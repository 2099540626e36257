package party

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
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

// Resolve clusters the variants into parties. See the package comment for the rules. It sorts vs by key
// (Variant.Key) in place; Result.Variants is that slice.
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
	// The store returns the variants in no particular order; resolving them in the order of their keys makes
	// the result, ties included, depend on the data alone.
	slices.SortFunc(vs, func(a, b Variant) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.NameEn, b.NameEn),
			strings.Compare(a.Country, b.Country), strings.Compare(a.ID, b.ID))
	})
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
