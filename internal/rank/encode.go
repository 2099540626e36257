package rank

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// stat counts the labelled rows holding one key: positives and all.
type stat struct {
	Pos, N float64
}

// encoder is a risk profile: the smoothed share of positive rows among the training rows that share the tokens
// of its fields with the scored row.
type encoder struct {
	Name   string
	Fields []int
	Prior  float64
	Smooth float64
	Count  bool // also emit how many training rows hold the key
	Stats  map[string]stat
}

// keySep joins the tokens of several fields into one key; it does not occur in CSV cells in practice.
const keySep = "\x1f"

func (e *encoder) key(tokens []string) string {
	if len(e.Fields) == 1 {
		return tokens[e.Fields[0]]
	}
	var b strings.Builder
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString(keySep)
		}
		b.WriteString(tokens[f])
	}
	return b.String()
}

// rate returns the smoothed positive rate of s.
func (e *encoder) rate(s stat) float64 { return (s.Pos + e.Smooth*e.Prior) / (s.N + e.Smooth) }

// tokenTable holds the tokens of every field for the training rows, interned per field.
type tokenTable struct {
	ids  [][]int32  // [field][row]
	dict [][]string // [field][id] → token
}

func tokenize(fields []field, rows [][]string) tokenTable {
	tt := tokenTable{ids: make([][]int32, len(fields)), dict: make([][]string, len(fields))}
	for f, fd := range fields {
		index := make(map[string]int32)
		ids := make([]int32, len(rows))
		for r, row := range rows {
			t := fd.token(row)
			id, ok := index[t]
			if !ok {
				id = int32(len(tt.dict[f]))
				index[t] = id
				tt.dict[f] = append(tt.dict[f], t)
			}
			ids[r] = id
		}
		tt.ids[f] = ids
	}
	return tt
}

// keyIDs interns the combined key of fields fs for every row and returns the key id of each row and the number
// of keys.
func (tt tokenTable) keyIDs(fs []int) ([]int32, int) {
	n := len(tt.ids[fs[0]])
	ids := make([]int32, n)
	copy(ids, tt.ids[fs[0]])
	nk := len(tt.dict[fs[0]])
	for _, f := range fs[1:] {
		index := make(map[uint64]int32)
		other := tt.ids[f]
		for r := range n {
			k := uint64(ids[r])<<32 | uint64(uint32(other[r]))
			id, ok := index[k]
			if !ok {
				id = int32(len(index))
				index[k] = id
			}
			ids[r] = id
		}
		nk = len(index)
	}
	return ids, nk
}

// folds assigns every row to one of k folds of (nearly) equal size, at random.
func folds(n, k int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	fold := make([]int, n)
	for i, p := range rng.Perm(n) {
		fold[p] = i % k
	}
	return fold
}

// oofResult is the out-of-fold profile of one candidate encoder on the training rows.
type oofResult struct {
	rate    []float64 // each row's rate computed without the rows of its own fold
	count   []float64 // how many other training rows share the row's key
	quality float64   // mean log-loss reduction of rate against the prior
}

// outOfFold profiles the key ids of every row using only the rows of the other folds, so that a row never sees
// its own label: a key unique to one row gets the prior, however the label fell. The per-row rates and counts
// are filled only when rows is true; the quality always is.
func outOfFold(ids []int32, nk int, y []float64, fold []int, k int, smooth float64, rows bool) oofResult {
	pos := make([]float64, nk*k)
	cnt := make([]float64, nk*k)
	var allPos, allN float64
	for r, id := range ids {
		f := fold[r]
		pos[int(id)*k+f] += y[r]
		cnt[int(id)*k+f]++
		allPos += y[r]
		allN++
	}
	// One prior for every fold: the prior of the other folds would vary with the row's own label (a fold with
	// more positives sees fewer elsewhere), a small leak the trees could learn from keys seen only once.
	prior := (allPos + 1) / (allN + 2)
	totPos := make([]float64, nk)
	totN := make([]float64, nk)
	for id := range nk {
		for f := range k {
			totPos[id] += pos[id*k+f]
			totN[id] += cnt[id*k+f]
		}
	}
	// rate of the rows of key id in fold f
	rate := func(id, f int) float64 {
		s := totPos[id] - pos[id*k+f]
		c := totN[id] - cnt[id*k+f]
		return (s + smooth*prior) / (c + smooth)
	}
	var res oofResult
	var gain float64
	for id := range nk {
		for f := range k {
			c := cnt[id*k+f]
			if c == 0 {
				continue
			}
			p := pos[id*k+f]
			q := rate(id, f)
			gain += p*(logLoss(prior, 1)-logLoss(q, 1)) + (c-p)*(logLoss(prior, 0)-logLoss(q, 0))
		}
	}
	res.quality = gain / float64(max(len(ids), 1))
	if rows {
		res.rate = make([]float64, len(ids))
		res.count = make([]float64, len(ids))
		for r, id := range ids {
			res.rate[r] = rate(int(id), fold[r])
			res.count[r] = totN[id] - 1
		}
	}
	return res
}

func logLoss(q, y float64) float64 {
	q = math.Min(math.Max(q, 1e-6), 1-1e-6)
	return -(y*math.Log(q) + (1-y)*math.Log(1-q))
}

// candidate is a set of fields considered for a profile.
type candidate struct {
	fields []int
	oof    oofResult
}

// selectPairs profiles every pair of fields out of fold and keeps the best maxPairs by log-loss reduction, in
// order of quality.
func selectPairs(tt tokenTable, fields []field, y []float64, fold []int, k int, smooth float64, maxPairs int) []candidate {
	if maxPairs <= 0 {
		return nil
	}
	var all []candidate
	for a := range fields {
		for b := a + 1; b < len(fields); b++ {
			if fields[a].sameSource(fields[b]) {
				continue // a code and its prefix, a number and its band: the pair says nothing new
			}
			fs := []int{a, b}
			ids, nk := tt.keyIDs(fs)
			all = append(all, candidate{fields: fs, oof: outOfFold(ids, nk, y, fold, k, smooth, false)})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].oof.quality > all[j].oof.quality })
	all = all[:min(len(all), maxPairs)]
	for i := range all {
		ids, nk := tt.keyIDs(all[i].fields)
		all[i].oof = outOfFold(ids, nk, y, fold, k, smooth, true)
	}
	return all
}

// fullStats profiles the keys of fields fs over all training rows, keyed by their token strings, for scoring.
func fullStats(tt tokenTable, fs []int, y []float64) map[string]stat {
	n := len(y)
	stats := make(map[string]stat)
	tokens := make([]string, len(fs))
	var b strings.Builder
	for r := range n {
		for i, f := range fs {
			tokens[i] = tt.dict[f][tt.ids[f][r]]
		}
		var key string
		if len(fs) == 1 {
			key = tokens[0]
		} else {
			b.Reset()
			for i, t := range tokens {
				if i > 0 {
					b.WriteString(keySep)
				}
				b.WriteString(t)
			}
			key = b.String()
		}
		s := stats[key]
		s.Pos += y[r]
		s.N++
		stats[key] = s
	}
	return stats
}
