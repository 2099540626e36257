// Package screen screens names against sanctions and export-control lists. An Index holds the prepared names of
// the listed entities and an inverted index of their blocking keys (names.Name.Keys), so that a query is compared
// only with the few names that share a rare key with it, not with the whole list; results carry the list, the
// entry, its programs and topics, the score and the name engine's explanation.
//
// Everything here is pure logic over entities given by the caller: loading lists and storing results is the
// store's work.
package screen

import (
	"math"
	"strings"
	"sync"

	"tradetrace/internal/names"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// maxPosting is the longest posting list a query walks: a key shared by more names than this says almost
// nothing and would cost a walk over a large part of the index.
const maxPosting = 20000

// indexed is one name of a listed entity, prepared.
type indexed struct {
	name   names.Name
	entity int32
	kind   trade.NameKind
	value  string // as published
}

// Index is an immutable candidate index over the names of listed entities. It is safe for concurrent use.
type Index struct {
	ents    []trade.ListEntity
	names   []indexed
	postKey map[string][]int32 // blocking key → names
	postID  map[string][]int32 // normalised identifier value → names of the entities that carry it
	keyW    map[string]float32 // weight of a key: inverse frequency among the indexed names
	scratch sync.Pool
}

// Stats describes an index.
type Stats struct {
	Entities int
	Names    int
	Keys     int
	Postings int // total length of the posting lists
}

// NewIndex prepares every name of the entities and indexes their blocking keys, on every core. Weak aliases
// are indexed only for entities that have no other name: they are evidence, not a match on their own.
func NewIndex(ents []trade.ListEntity) *Index {
	ix := &Index{ents: ents, postKey: map[string][]int32{}, postID: map[string][]int32{}}
	type job struct {
		entity int32
		name   trade.ListName
	}
	var jobs []job
	for i := range ents {
		for _, n := range indexedNames(&ents[i]) {
			jobs = append(jobs, job{entity: int32(i), name: n})
		}
	}
	ix.names = make([]indexed, len(jobs))
	keys := make([][]string, len(jobs))
	par.For(len(jobs), 0, func(j int) {
		e := &ents[jobs[j].entity]
		n := names.Prepare(jobs[j].name.Value, entityOptions(e))
		ix.names[j] = indexed{name: n, entity: jobs[j].entity, kind: jobs[j].name.Kind, value: jobs[j].name.Value}
		keys[j] = n.Keys()
	})
	for j, ks := range keys {
		for _, k := range ks {
			ix.postKey[k] = append(ix.postKey[k], int32(j))
		}
	}
	for j := range ix.names {
		e := &ents[ix.names[j].entity]
		for _, id := range e.Identifiers {
			if v := idKey(id.Value); v != "" {
				ix.postID[v] = append(ix.postID[v], int32(j))
			}
		}
	}
	total := float64(len(ix.names) + 1)
	ix.keyW = make(map[string]float32, len(ix.postKey))
	for k, p := range ix.postKey {
		ix.keyW[k] = float32(math.Log(total / float64(len(p))))
	}
	n := len(ix.names)
	ix.scratch.New = func() any { return &scratch{acc: make([]float32, n)} }
	return ix
}

// indexedNames returns the names of an entity that are indexed, without repeats: weak aliases only when the
// entity has no other name.
func indexedNames(e *trade.ListEntity) []trade.ListName {
	strong := false
	for _, n := range e.Names {
		if n.Kind != trade.NameWeak && strings.TrimSpace(n.Value) != "" {
			strong = true
		}
	}
	var out []trade.ListName
	seen := map[string]bool{}
	for _, n := range e.Names {
		v := strings.TrimSpace(n.Value)
		if v == "" || seen[v] || (strong && n.Kind == trade.NameWeak) {
			continue
		}
		seen[v] = true
		n.Value = v
		out = append(out, n)
	}
	return out
}

// entityOptions is what the name engine may know of a listed entity besides its name.
func entityOptions(e *trade.ListEntity) names.Options {
	o := names.Options{Kind: names.KindOf(string(e.Schema)), Countries: e.Countries}
	for _, id := range e.Identifiers {
		if strongID(id.Scheme) {
			o.Identifiers = append(o.Identifiers, names.Identifier{Scheme: id.Scheme, Value: id.Value})
		}
	}
	return o
}

// strongID reports whether an identifier scheme names one company or person: registration and tax numbers,
// not websites or e-mail addresses.
func strongID(scheme string) bool {
	switch strings.ToUpper(scheme) {
	case "INN", "OGRN", "KPP", "OKPO", "USCC", "TAX", "REGISTRATION", "VAT", "LEI", "IMO", "IMO_COMPANY",
		"DUNS", "BIN", "EDRPOU", "UEI", "SWIFT", "BIK":
		return true
	}
	return false
}

// idKey normalises an identifier for lookup: letters and digits, upper case; short values (which collide) give "".
func idKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	if b.Len() < 6 {
		return ""
	}
	return b.String()
}

// Stats returns the size of the index.
func (ix *Index) Stats() Stats {
	s := Stats{Entities: len(ix.ents), Names: len(ix.names), Keys: len(ix.postKey)}
	for _, p := range ix.postKey {
		s.Postings += len(p)
	}
	return s
}

// Entity returns the i-th entity of the index.
func (ix *Index) Entity(i int) *trade.ListEntity { return &ix.ents[i] }

// scratch is a query's working memory: a score per indexed name and the names touched.
type scratch struct {
	acc     []float32
	touched []int32
}
