package party

import "slices"

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
