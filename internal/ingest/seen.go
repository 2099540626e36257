package ingest

// firstRows maps each fingerprint met in a run to the row that first had it: the loader asks it of every row, to
// reject repeats within the run. Fingerprints are hashes already, so the table uses their low bits as they are:
// open addressing with linear probing, doubled when three quarters full. (On a 10M-row ingest the built-in map's
// lookups had cost 6 CPU-s, most of the loader goroutine's time.)
type firstRows struct {
	fps  []uint64
	rows []int64 // the row plus one; 0 marks a free slot
	n    int
	mask uint64
}

func newFirstRows() *firstRows {
	const size = 1 << 16
	return &firstRows{fps: make([]uint64, size), rows: make([]int64, size), mask: size - 1}
}

// add records that row has fingerprint fp, unless an earlier row had it: then it returns that row and true.
func (t *firstRows) add(fp uint64, row int64) (int64, bool) {
	if 4*(t.n+1) > 3*len(t.fps) {
		t.grow()
	}
	for i := fp & t.mask; ; i = (i + 1) & t.mask {
		switch {
		case t.rows[i] == 0:
			t.fps[i], t.rows[i] = fp, row+1
			t.n++
			return 0, false
		case t.fps[i] == fp:
			return t.rows[i] - 1, true
		}
	}
}

func (t *firstRows) grow() {
	fps, rows := t.fps, t.rows
	size := 2 * len(fps)
	t.fps, t.rows, t.mask, t.n = make([]uint64, size), make([]int64, size), uint64(size-1), 0
	for i, r := range rows {
		if r != 0 {
			t.add(fps[i], r-1)
		}
	}
}
