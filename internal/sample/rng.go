package sample

import (
	"math"
	"math/bits"
)

// rng is xoshiro256** seeded through splitmix64. The generator owns its algorithm, rather than using
// math/rand, so that the bytes written for a seed never change with the Go release.
type rng struct{ s [4]uint64 }

// splitmix64 advances x and returns the next output of the SplitMix64 sequence.
func splitmix64(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// newRNG returns a generator for the stream named by seed and the labels: the same inputs always give
// the same sequence, different labels give independent sequences.
func newRNG(seed uint64, labels ...uint64) *rng {
	x := seed
	for _, l := range labels {
		x ^= splitmix64(&x) + l*0x2545f4914f6cdd1d
	}
	r := &rng{}
	for i := range r.s {
		r.s[i] = splitmix64(&x)
	}
	return r
}

// hashLabel turns a name into a stream label.
func hashLabel(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (r *rng) u64() uint64 {
	s := &r.s
	out := bits.RotateLeft64(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = bits.RotateLeft64(s[3], 45)
	return out
}

// intn returns a number in [0, n). n must be positive.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.u64(), uint64(n))
	return int(hi)
}

// rangeInt returns a number in [lo, hi].
func (r *rng) rangeInt(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// between returns a number uniformly in [lo, hi).
func (r *rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// logBetween returns a number in [lo, hi) whose logarithm is uniform: prices and sizes spread this way.
func (r *rng) logBetween(lo, hi float64) float64 {
	if lo <= 0 || hi <= lo {
		return lo
	}
	return lo * math.Exp(r.float()*math.Log(hi/lo))
}

// norm returns a standard normal deviate (Box–Muller, one of the pair).
func (r *rng) norm() float64 {
	u := r.float()
	if u < 1e-300 {
		u = 1e-300
	}
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}

// lognormal returns a log-normal deviate with the given median and log-scale sigma.
func (r *rng) lognormal(median, sigma float64) float64 { return median * math.Exp(sigma*r.norm()) }

// pickStr returns one of ss, uniformly.
func pickStr(r *rng, ss []string) string { return ss[r.intn(len(ss))] }

// weighted is a cumulative weight table for drawing indices in proportion to their weights.
type weighted struct{ cum []float64 }

func newWeighted(ws []float64) weighted {
	cum := make([]float64, len(ws))
	t := 0.0
	for i, w := range ws {
		if w > 0 {
			t += w
		}
		cum[i] = t
	}
	return weighted{cum: cum}
}

// zipf returns a table of n ranks weighted 1/(rank+1)^s: a few big players and a long tail.
func zipf(n int, s float64) weighted {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = 1 / math.Pow(float64(i+1), s)
	}
	return newWeighted(ws)
}

// pick draws an index, or -1 when the table is empty or weighs nothing.
func (w weighted) pick(r *rng) int {
	n := len(w.cum)
	if n == 0 || w.cum[n-1] <= 0 {
		return -1
	}
	x := r.float() * w.cum[n-1]
	lo, hi := 0, n-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
