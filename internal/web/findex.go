package web

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// findingIndex maps shipment ids and party names to the findings that cite them, so that a shipment or party
// page does not read every finding's JSON. It is rebuilt at most once a minute, and at once after a triage
// change would not matter (triage is read live).
type findingIndex struct {
	byShipment map[int64][]int64 // each list in the default order of findings (score, then key)
	byName     map[string][]int64
	rank       map[int64]int32 // a finding's place in that order
}

func (s *Server) findingIndex(ctx context.Context) (*findingIndex, error) {
	v, err := s.cachedValue(ctx, "findex", time.Minute, func(ctx context.Context) (any, error) {
		refs, err := s.store.WebFindingRefs(ctx)
		if err != nil {
			return nil, err
		}
		fx := &findingIndex{byShipment: map[int64][]int64{}, byName: map[string][]int64{}, rank: make(map[int64]int32, len(refs))}
		for i, r := range refs { // in the default order
			fx.rank[r.ID] = int32(i)
			for _, id := range r.ShipmentIDs {
				fx.byShipment[id] = append(fx.byShipment[id], r.ID)
			}
			for _, n := range r.PartyNames {
				if l := fx.byName[n]; len(l) == 0 || l[len(l)-1] != r.ID {
					fx.byName[n] = append(l, r.ID)
				}
			}
		}
		return fx, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*findingIndex), nil
}

// byNames returns the first limit + 1 findings, in the default order, that name any of these parties: a page
// of them, and whether there are more.
func (fx *findingIndex) byNames(names []string, limit int) []int64 {
	out := []int64{}
	seen := map[int64]bool{}
	for _, n := range names {
		for _, id := range fx.byName[n] {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	slices.SortFunc(out, func(a, b int64) int { return cmp.Compare(fx.rank[a], fx.rank[b]) })
	return out[:min(len(out), limit+1)]
}

// onShipment returns the first limit + 1 findings, in the default order, that cite this line.
func (fx *findingIndex) onShipment(id int64, limit int) []int64 {
	l := fx.byShipment[id]
	return append([]int64{}, l[:min(len(l), limit+1)]...)
}
