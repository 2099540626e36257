package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var errNotNumber = errors.New("not a number")

// parseNumber reads numbers as customs extracts write them: float artefacts (8.640000000000001), thousands
// separators (spaces, no-break spaces, apostrophes, commas or points), and decimal commas. With decimal "auto" a
// single comma is a decimal comma unless exactly three digits follow it and the integer part is not 0
// ("1,234" is 1234; "0,125" and "12,5" are decimals); when both a comma and a point appear, the last is the
// decimal separator.
func parseNumber(s, decimal string) (float64, error) {
	if decimal != "comma" {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return roundArtefact(s, v), checkFinite(v)
		}
	}
	b := make([]byte, 0, len(s))
	lastComma, lastPoint, commas, points := -1, -1, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '-', c == '+', c == 'e', c == 'E':
			b = append(b, c)
		case c == ',':
			lastComma, commas = len(b), commas+1
			b = append(b, c)
		case c == '.':
			lastPoint, points = len(b), points+1
			b = append(b, c)
		case c == ' ', c == '\'', c == '\t':
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			i++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xAF || s[i+2] == 0x89): // narrow/thin space
			i += 2
		default:
			return 0, errNotNumber
		}
	}
	dec := byte('.')
	switch decimal {
	case "comma":
		dec = ','
	case "point":
	default:
		switch {
		case commas > 0 && points > 0:
			if lastComma > lastPoint {
				dec = ','
			}
		case commas == 1 && points == 0:
			intPart := string(b[:lastComma])
			if len(b)-lastComma-1 != 3 || intPart == "0" || intPart == "-0" || intPart == "" {
				dec = ','
			}
		case points > 1 && commas == 0:
			dec = ',' // 1.234.567: points are thousands separators
		}
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		switch c {
		case ',', '.':
			if c == dec {
				out = append(out, '.')
			}
		default:
			out = append(out, c)
		}
	}
	v, err := strconv.ParseFloat(string(out), 64)
	if err != nil {
		return 0, errNotNumber
	}
	return v, checkFinite(v)
}

func checkFinite(v float64) error {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return errNotNumber
	}
	return nil
}

// roundArtefact removes binary float artefacts such as 8.640000000000001 by rounding to 12 significant digits
// when the text carries more digits than a person would write.
func roundArtefact(s string, v float64) float64 {
	if len(s) < 15 || v == 0 {
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// dateLayout turns a format written with the tokens YYYY, YY, MM, M, DD, D, Mon, Month, hh, mm, ss into a Go
// layout.
func dateLayout(f string) (string, error) {
	repl := strings.NewReplacer(
		"YYYY", "2006", "YY", "06", "Month", "January", "Mon", "Jan", "MM", "01", "DD", "02",
		"hh", "15", "mm", "04", "ss", "05",
	)
	l := repl.Replace(f)
	// single-letter month/day tokens, after the two-letter ones were replaced
	l = strings.NewReplacer("M", "1", "D", "2").Replace(l)
	if !strings.Contains(l, "2006") && !strings.Contains(l, "06") {
		return "", fmt.Errorf("date format %q has no year (use YYYY or YY)", f)
	}
	return l, nil
}

// defaultDateLayouts are tried after the profile's own formats. Day-first wins over month-first: customs data
// from the countries tradetrace reads writes day first.
var defaultDateLayouts = []string{
	"2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04",
	"02.01.2006", "02.01.2006 15:04:05", "2.1.2006", "02/01/2006", "2/1/2006", "2006/01/02", "20060102",
	"02-01-2006", "Jan 2006", "January 2006", "2006-01", "01.2006", "02.01.06",
}

// parseISODate is the fast path for YYYY-MM-DD, which most extracts use.
func parseISODate(s string) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || (len(s) > 10 && s[10] != ' ' && s[10] != 'T') {
		return time.Time{}, false
	}
	y, ok1 := atoiN(s[0:4])
	m, ok2 := atoiN(s[5:7])
	d, ok3 := atoiN(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func atoiN(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m, y int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate tries the fast path, then the layouts in order; the date is truncated to the day.
func parseDate(s string, layouts []string) (time.Time, error) {
	if t, ok := parseISODate(s); ok {
		return t, nil
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date in any known format", s)
}
