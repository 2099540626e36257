package goods

// automaton is an Aho–Corasick automaton compiled into a dense deterministic automaton over byte classes:
// scanning costs one table lookup per byte of text, whatever the size of the vocabulary. Bytes that occur
// in no pattern share class 0, which keeps the table small (about a hundred classes for Latin, Cyrillic
// and Chinese UTF-8). States are numbered breadth first, so that the shallow states a scan visits most
// share cache lines, and transitions take 16 bits while there are fewer than 65,536 states.
type automaton struct {
	cls    [256]uint8
	ncls   int
	next16 []uint16 // next16[state*ncls+class], when the states fit in 16 bits
	next32 []int32  // otherwise
	outAt  []int32  // the patterns ending in state s are outs[outAt[s]:outAt[s+1]]
	outs   []int32
}

// match is one occurrence of a pattern: its number and the offset just past its last byte.
type match struct {
	pat int32
	end int32
}

// buildAutomaton compiles the patterns; pattern i is reported as i. Empty patterns are never reported.
func buildAutomaton(patterns [][]byte) *automaton {
	a := &automaton{}
	var used [256]bool
	for _, p := range patterns {
		for _, b := range p {
			used[b] = true
		}
	}
	a.ncls = 1
	for b := range 256 {
		if used[b] {
			a.cls[b] = uint8(a.ncls)
			a.ncls++
		}
	}

	// The trie: kids[s] lists (class, child) pairs; own[s] the patterns that end in s.
	type edge struct {
		c     uint8
		child int32
	}
	kids := [][]edge{nil}
	own := [][]int32{nil}
	for i, p := range patterns {
		if len(p) == 0 {
			continue
		}
		s := int32(0)
		for _, b := range p {
			c := a.cls[b]
			found := int32(-1)
			for _, e := range kids[s] {
				if e.c == c {
					found = e.child
					break
				}
			}
			if found < 0 {
				found = int32(len(kids))
				kids = append(kids, nil)
				own = append(own, nil)
				kids[s] = append(kids[s], edge{c, found})
			}
			s = found
		}
		own[s] = append(own[s], int32(i))
	}

	// Number the states breadth first: id[trie state] = automaton state.
	n := len(kids)
	order := make([]int32, 1, n)
	for q := 0; q < len(order); q++ {
		for _, e := range kids[order[q]] {
			order = append(order, e.child)
		}
	}
	id := make([]int32, n)
	for i, s := range order {
		id[s] = int32(i)
	}

	next := make([]int32, n*a.ncls)
	fail := make([]int32, n)
	outs := make([][]int32, n)
	outs[0] = own[0]
	for _, e := range kids[0] {
		next[int(e.c)] = id[e.child]
	}
	for _, t := range order[1:] { // t is a trie state, s its number
		s := id[t]
		outs[s] = append(append([]int32(nil), own[t]...), outs[fail[s]]...)
		row := next[int(s)*a.ncls : int(s+1)*a.ncls]
		copy(row, next[int(fail[s])*a.ncls:int(fail[s]+1)*a.ncls])
		for _, e := range kids[t] {
			fail[id[e.child]] = next[int(fail[s])*a.ncls+int(e.c)]
			row[e.c] = id[e.child]
		}
	}

	a.outAt = make([]int32, n+1)
	for s := range n {
		a.outAt[s+1] = a.outAt[s] + int32(len(outs[s]))
	}
	a.outs = make([]int32, 0, a.outAt[n])
	for s := range n {
		a.outs = append(a.outs, outs[s]...)
	}
	if n <= 1<<16 {
		a.next16 = make([]uint16, len(next))
		for i, v := range next {
			a.next16[i] = uint16(v)
		}
	} else {
		a.next32 = next
	}
	return a
}

// scan appends every occurrence of every pattern in text to dst, in order of their end.
func (a *automaton) scan(text []byte, dst []match) []match {
	if a.next16 != nil {
		return scanTable(a, a.next16, text, dst)
	}
	return scanTable(a, a.next32, text, dst)
}

func scanTable[T uint16 | int32](a *automaton, next []T, text []byte, dst []match) []match {
	cls, ncls, outAt := &a.cls, a.ncls, a.outAt
	s := 0
	for i, b := range text {
		s = int(next[s*ncls+int(cls[b])])
		if lo, hi := outAt[s], outAt[s+1]; lo != hi {
			for _, p := range a.outs[lo:hi] {
				dst = append(dst, match{pat: p, end: int32(i + 1)})
			}
		}
	}
	return dst
}

// states returns the number of states, for tests and for sizing.
func (a *automaton) states() int { return len(a.outAt) - 1 }

// tableBytes returns the size of the transition table.
func (a *automaton) tableBytes() int { return 2*len(a.next16) + 4*len(a.next32) }
