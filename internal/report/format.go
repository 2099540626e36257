package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money formats US dollars with thousands separators: "$1,234,567".
func Money(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "$?"
	}
	s := group(strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64))
	if v < 0 && s != "0" {
		return "−$" + s
	}
	return "$" + s
}

// Weight formats kilograms, in tonnes from 10 t up: "850 kg", "12.4 t".
func Weight(kg float64) string {
	if math.IsNaN(kg) || math.IsInf(kg, 0) {
		return "? kg"
	}
	if math.Abs(kg) >= 10000 {
		return group(strconv.FormatFloat(math.Round(kg/100)/10, 'f', 1, 64)) + " t"
	}
	return group(strconv.FormatFloat(math.Round(kg), 'f', 0, 64)) + " kg"
}

// Share formats part/whole as a percentage: "37%", "<1%".
func Share(part, whole float64) string {
	if whole <= 0 {
		return "–"
	}
	p := 100 * part / whole
	if p > 0 && p < 1 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", p)
}

// group puts thousands separators into the integer part of a decimal number.
func group(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}
