package report

import "slices"

// NetworkBuilder grows a party's network hop by hop: a store reads the edges that touch each hop's frontier
// and adds them; the builder keeps the first reading of each edge and picks the next frontier, the parties new
// to the network that trade the most with it.
type NetworkBuilder struct {
	center   int64
	hop      map[int64]int
	edges    map[[2]int64]*NetworkEdge
	newValue map[int64]float64
}

// NewNetworkBuilder starts a network at its centre.
func NewNetworkBuilder(center int64) *NetworkBuilder {
	return &NetworkBuilder{center: center, hop: map[int64]int{center: 0}, edges: map[[2]int64]*NetworkEdge{},
		newValue: map[int64]float64{}}
}

// Add records an edge read for the current hop.
func (b *NetworkBuilder) Add(e NetworkEdge) {
	k := [2]int64{e.Shipper, e.Consignee}
	if _, ok := b.edges[k]; !ok {
		b.edges[k] = &e
	}
	for _, p := range k {
		if _, ok := b.hop[p]; !ok {
			b.newValue[p] += e.ValueUSD
		}
	}
}

// Next ends hop h: the (at most maxNodes) new parties with the most value traded on the hop's edges join the
// network, by descending value then id, and are returned as the next frontier.
func (b *NetworkBuilder) Next(h, maxNodes int) []int64 {
	type cand struct {
		id    int64
		value float64
	}
	var cands []cand
	for p, v := range b.newValue {
		cands = append(cands, cand{p, v})
	}
	clear(b.newValue)
	slices.SortFunc(cands, func(a, b cand) int {
		if a.value != b.value {
			if a.value > b.value {
				return -1
			}
			return 1
		}
		return int(a.id - b.id)
	})
	var frontier []int64
	for _, c := range cands[:min(len(cands), maxNodes)] {
		b.hop[c.id] = h
		frontier = append(frontier, c.id)
	}
	return frontier
}

// Parties returns the ids of the network's parties, in no order.
func (b *NetworkBuilder) Parties() []int64 {
	ids := make([]int64, 0, len(b.hop))
	for p := range b.hop {
		ids = append(ids, p)
	}
	return ids
}

// Network returns the network of these parties (as the store read them, in its order) and the edges between
// them, by shipper then consignee.
func (b *NetworkBuilder) Network(ps []Party) *Network {
	n := &Network{Center: b.center}
	known := map[int64]bool{}
	for _, p := range ps {
		n.Nodes = append(n.Nodes, NetworkNode{ID: p.ID, Name: p.Name, Country: p.Country, Risk: p.Risk, Lines: p.Lines, ValueUSD: p.ValueUSD, Hop: b.hop[p.ID]})
		known[p.ID] = true
	}
	for _, e := range b.edges {
		if known[e.Shipper] && known[e.Consignee] {
			n.Edges = append(n.Edges, *e)
		}
	}
	slices.SortFunc(n.Edges, func(a, b NetworkEdge) int {
		if a.Shipper != b.Shipper {
			return int(a.Shipper - b.Shipper)
		}
		return int(a.Consignee - b.Consignee)
	})
	return n
}
