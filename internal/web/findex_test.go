package web

import (
	"slices"
	"testing"
)

// A page of a party's or a line's findings comes from the index in the default order, one more than the page
// when there are more.
func TestFindingIndexPages(t *testing.T) {
	fx := &findingIndex{
		byName:     map[string][]int64{"A": {7, 3, 9}, "B": {5, 3, 1}},
		byShipment: map[int64][]int64{42: {5, 3, 1}},
		rank:       map[int64]int32{5: 0, 7: 1, 3: 2, 9: 3, 1: 4},
	}
	if got := fx.byNames([]string{"A", "B"}, 10); !slices.Equal(got, []int64{5, 7, 3, 9, 1}) {
		t.Errorf("byNames = %v, want every finding once, by rank", got)
	}
	if got := fx.byNames([]string{"A", "B"}, 2); !slices.Equal(got, []int64{5, 7, 3}) {
		t.Errorf("byNames limit 2 = %v, want the first three", got)
	}
	if got := fx.byNames([]string{"C"}, 2); got == nil || len(got) != 0 {
		t.Errorf("byNames of an unknown name = %#v, want an empty list", got)
	}
	got := fx.onShipment(42, 1)
	if !slices.Equal(got, []int64{5, 3}) {
		t.Errorf("onShipment limit 1 = %v, want the first two", got)
	}
	got[0] = 99
	if fx.byShipment[42][0] != 5 {
		t.Error("onShipment returned the index's own list")
	}
}
