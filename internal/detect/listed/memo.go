package listed

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"sync"
	"time"

	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// Memo is a store that keeps the screenings of party names between runs, so that a run screens only the
// queries no earlier run screened under the same key: after an ingest, the parties it brought. The key names
// everything a screening depends on (the list entities in their order, the versions of the name engine and of
// screening, the detector's threshold), so a memo never answers for other lists or another engine; a new key
// drops what the memo held under the old one.
type Memo interface {
	// Screenings calls fn with each screening kept under key, in no particular order.
	Screenings(ctx context.Context, key string, fn func(Screening) error) error
	// KeepScreenings adds these screenings under key and drops those kept under any other key (with replace,
	// under key too), in one step.
	KeepScreenings(ctx context.Context, key string, add []Screening, replace bool) error
}

// Screening is one screened query: a 128-bit hash of the query (queryHash) and the JSON of its matches, empty
// when it matched nothing.
type Screening struct {
	Hash    [2]uint64
	Matches string
}

// memoKey is the key of the screenings of these entities by a detector with this threshold.
func memoKey(ents []trade.ListEntity, minScore float64) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", names.Version, screen.Version, strconv.FormatFloat(minScore, 'g', -1, 64))
	if err := json.NewEncoder(h).Encode(ents); err != nil {
		return "", fmt.Errorf("screening memo: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// queryHash is a 128-bit hash of everything a screening reads of a query.
func queryHash(q screen.Query) [2]uint64 {
	h := fnv.New128a()
	var n [8]byte
	word := func(v uint64) {
		binary.LittleEndian.PutUint64(n[:], v)
		h.Write(n[:])
	}
	str := func(s string) { // length first, so that no two lists of strings write the same bytes
		word(uint64(len(s)))
		h.Write([]byte(s))
	}
	str(q.Name)
	word(uint64(q.Kind))
	word(uint64(len(q.Countries)))
	for _, c := range q.Countries {
		str(c)
	}
	word(uint64(len(q.Identifiers)))
	for _, id := range q.Identifiers {
		str(id.Scheme)
		str(id.Value)
	}
	word(uint64(q.Top))
	word(math.Float64bits(q.MinScore))
	word(uint64(q.Candidates))
	if q.Party {
		word(1)
	} else {
		word(0)
	}
	var out [2]uint64
	sum := h.Sum(nil)
	out[0], out[1] = binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:])
	return out
}

// memoHeld is what a Memo store holds under a run's key (empty with Rescreen), and the time its reading took.
type memoHeld struct {
	key  string
	held map[[2]uint64]string
	took time.Duration
	err  error
}

// readMemo starts reading the screenings the memo holds under the key of ents and minScore, on a goroutine of
// its own: the detector reads the party names meanwhile, each a query of its own (0.9M screenings and 0.6M
// names on a 10M-line store, 1.6 s and 2.4 s). The function returned waits for the reading and returns it,
// the same each time it is called.
func (d Detector) readMemo(ctx context.Context, memo Memo, ents []trade.ListEntity, minScore float64) func() memoHeld {
	done := make(chan memoHeld, 1)
	go func() {
		start := time.Now()
		m := memoHeld{held: map[[2]uint64]string{}}
		m.key, m.err = memoKey(ents, minScore)
		if m.err == nil && !d.Rescreen {
			if err := memo.Screenings(ctx, m.key, func(s Screening) error {
				m.held[s.Hash] = s.Matches
				return nil
			}); err != nil {
				m.err = fmt.Errorf("screening memo: %w", err)
			}
		}
		m.took = time.Since(start)
		done <- m
	}()
	return sync.OnceValue(func() memoHeld { return <-done })
}

// screenAll returns what the index's ScreenAll returns for the queries; index is called only when a query
// needs screening. With a Memo store (read, from readMemo), it screens only the queries the memo does not
// hold, takes the others' matches from it, and keeps the new screenings (with Rescreen, it screens them all
// and keeps only these); kept counts the queries answered from the memo, and took is the time spent reading
// (beside the names) and writing it.
func (d Detector) screenAll(ctx context.Context, index func() *screen.Index, read func() memoHeld, qs []screen.Query) (out [][]screen.Match, kept int, took time.Duration, err error) {
	memo, ok := d.Store.(Memo)
	if !ok || read == nil {
		return index().ScreenAll(qs, 0), 0, 0, nil
	}
	m := read()
	if m.err != nil {
		return nil, 0, 0, m.err
	}
	start := time.Now()
	key, held := m.key, m.held
	out = make([][]screen.Match, len(qs))
	hashes := make([][2]uint64, len(qs))
	var todo []screen.Query
	var at []int
	for i, q := range qs {
		hashes[i] = queryHash(q)
		ms, ok := held[hashes[i]]
		if !ok {
			todo, at = append(todo, q), append(at, i)
			continue
		}
		kept++
		if ms != "" {
			if err := json.Unmarshal([]byte(ms), &out[i]); err != nil {
				return nil, 0, 0, fmt.Errorf("screening memo: matches of %q: %w", q.Name, err)
			}
		}
	}
	if len(todo) == 0 {
		return out, kept, m.took + time.Since(start), nil
	}
	took = m.took + time.Since(start)
	res := index().ScreenAll(todo, 0)
	start = time.Now()
	add := make([]Screening, 0, len(todo))
	for k, i := range at {
		out[i] = res[k]
		if _, ok := held[hashes[i]]; ok {
			continue // a query asked twice (one name, shipper and consignee) is kept once
		}
		held[hashes[i]] = ""
		s := Screening{Hash: hashes[i]}
		if len(res[k]) > 0 {
			b, err := json.Marshal(res[k])
			if err != nil {
				return nil, 0, 0, fmt.Errorf("screening memo: %w", err)
			}
			s.Matches = string(b)
		}
		add = append(add, s)
	}
	if err := memo.KeepScreenings(ctx, key, add, d.Rescreen); err != nil {
		return nil, 0, 0, fmt.Errorf("screening memo: %w", err)
	}
	return out, kept, took + time.Since(start), nil
}
