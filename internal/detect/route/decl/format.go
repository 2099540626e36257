package decl

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Num writes a number with thousands separators and no more precision than a reader needs.
func Num(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	var s string
	if v >= 100 || v == math.Trunc(v) {
		s = fmt.Sprintf("%.0f", v)
	} else {
		s = fmt.Sprintf("%.2f", v)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// Sorted returns the non-empty keys of a set, sorted.
func Sorted[K ~string](m map[K]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}

// Round3 rounds a score to three decimals, so that findings compare equal across runs.
func Round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// Clamp keeps v in [0, 1].
func Clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }
