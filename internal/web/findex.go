package web

import (
	"context"
	"time"
)

// findingIndex maps shipment ids and party names to the findings that cite them, so that a shipment or party
// page does not read every finding's JSON. It is rebuilt at most once a minute, and at once after a triage
// change would not matter (triage is read live).
type findingIndex struct {
	byShipment map[int64][]int64
	byName     map[string][]int64
}

func (s *Server) findingIndex(ctx context.Context) (*findingIndex, error) {
	v, err := s.cachedValue(ctx, "findex", time.Minute, func(ctx context.Context) (any, error) {
		refs, err := s.store.WebFindingRefs(ctx)
		if err != nil {
			return nil, err
		}
		fx := &findingIndex{byShipment: map[int64][]int64{}, byName: map[string][]int64{}}
		for _, r := range refs {
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

// byNames returns the findings that name any of these parties, at most limit, as a non-nil list.
func (fx *findingIndex) byNames(names []string, limit int) []int64 {
	out := []int64{}
	seen := map[int64]bool{}
	for _, n := range names {
		for _, id := range fx.byName[n] {
			if !seen[id] && len(out) < limit*4 {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}
