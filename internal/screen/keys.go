package screen

import (
	"tradetrace/internal/names"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// EntityKey is a blocking key of one of an entity's names, for a store to keep beside the entity so that one
// name can be screened without preparing every list name (see Candidates).
type EntityKey struct {
	SourceID string
	Key      string
}

// EntityKeys returns the distinct blocking keys of the names of each entity, as NewIndex indexes them, on
// every core.
func EntityKeys(ents []trade.ListEntity) []EntityKey {
	per := make([][]EntityKey, len(ents))
	par.For(len(ents), 0, func(i int) {
		e := &ents[i]
		seen := map[string]bool{}
		for _, n := range indexedNames(e) {
			for _, k := range names.Prepare(n.Value, entityOptions(e)).Keys() {
				if !seen[k] {
					seen[k] = true
					per[i] = append(per[i], EntityKey{SourceID: e.SourceID, Key: k})
				}
			}
		}
	})
	var out []EntityKey
	for _, ks := range per {
		out = append(out, ks...)
	}
	return out
}

// QueryKeys returns the blocking keys of a query's name and of its bracketed parts: what a store looks
// candidates up by.
func QueryKeys(q Query) []string {
	opts := names.Options{Kind: q.Kind, Countries: q.Countries, Identifiers: q.Identifiers}
	seen := map[string]bool{}
	var out []string
	for _, p := range append([]string{q.Name}, bracketParts(q.Name)...) {
		for _, k := range names.Prepare(p, opts).Keys() {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}
