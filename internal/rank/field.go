package rank

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// fieldKind says how a field derives its token from a row.
type fieldKind int

const (
	fieldValue  fieldKind = iota // the cell itself (numbers normalised)
	fieldPrefix                  // the first Len characters of a code
	fieldBand                    // the quantile band of a measure
	fieldRatio                   // the quantile band of the ratio of two measures
)

// field is a categorical view of a row: a function from a row to a token, profiled by the encoders.
type field struct {
	Name string
	Kind fieldKind
	Col  int // header index
	Col2 int // header index of the denominator of a ratio
	Len  int // prefix length
	Pad  int // width to which codes are left-padded with zeros
	Cuts []float64
}

// numKind says how a numeric feature is computed from a row.
type numKind int

const (
	numValue    numKind = iota // the parsed number
	numLogRatio                // log(Col / Col2)
	numWeekday
	numMonthDay
	numMonth
)

// numeric is a numeric feature of a row.
type numeric struct {
	Name string
	Kind numKind
	Col  int
	Col2 int
}

// planFeatures lists the fields and numeric features derived from the columns; band cut points are fitted on rows.
func planFeatures(cols []Column, rows [][]string, bands int) ([]field, []numeric) {
	var fields []field
	var nums []numeric
	var measures []Column
	for _, c := range cols {
		switch c.Role {
		case RoleCategory:
			fields = append(fields, field{Name: c.Name, Kind: fieldValue, Col: c.Index})
		case RoleCode:
			w := c.Width
			if w == 0 {
				w = codeLen(rows, c.Index)
			}
			fields = append(fields, field{Name: c.Name, Kind: fieldValue, Col: c.Index, Pad: w})
			// As a number a code still orders the nomenclature; and a misdetected quantity keeps its value.
			nums = append(nums, numeric{Name: c.Name, Kind: numValue, Col: c.Index})
			for l := 2; l < w; l += 2 {
				fields = append(fields, field{Name: c.Name + "[:" + strconv.Itoa(l) + "]", Kind: fieldPrefix,
					Col: c.Index, Len: l, Pad: w})
			}
		case RoleNumber:
			nums = append(nums, numeric{Name: c.Name, Kind: numValue, Col: c.Index})
			if c.Exact {
				fields = append(fields, field{Name: c.Name, Kind: fieldValue, Col: c.Index})
			}
			if c.Measure {
				measures = append(measures, c)
				f := field{Name: c.Name + " band", Kind: fieldBand, Col: c.Index}
				f.Cuts = fitBands(rows, f, bands)
				fields = append(fields, f)
			}
		case RoleDate:
			nums = append(nums,
				numeric{Name: c.Name + " weekday", Kind: numWeekday, Col: c.Index},
				numeric{Name: c.Name + " day", Kind: numMonthDay, Col: c.Index},
				numeric{Name: c.Name + " month", Kind: numMonth, Col: c.Index})
		}
	}
	for i, a := range measures {
		for _, b := range measures[i+1:] {
			name := a.Name + " / " + b.Name
			nums = append(nums, numeric{Name: "log " + name, Kind: numLogRatio, Col: a.Index, Col2: b.Index})
			f := field{Name: name + " band", Kind: fieldRatio, Col: a.Index, Col2: b.Index}
			f.Cuts = fitBands(rows, f, bands)
			fields = append(fields, f)
		}
	}
	return fields, nums
}

// codeLen returns the longest code length in column i.
func codeLen(rows [][]string, i int) int {
	n := 0
	for _, r := range rows {
		n = max(n, len(cell(r, i)))
	}
	return n
}

// fitBands returns the quantile cut points of the measure (or ratio) behind field f.
func fitBands(rows [][]string, f field, bands int) []float64 {
	vals := make([]float64, 0, len(rows))
	for _, r := range rows {
		if v := f.measure(r); !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	return quantileCuts(vals, bands)
}

// measure returns the number a band field cuts: the cell, or the log ratio of two cells.
func (f field) measure(row []string) float64 {
	a, _ := parseNum(cell(row, f.Col))
	if f.Kind == fieldBand {
		return a
	}
	b, _ := parseNum(cell(row, f.Col2))
	return logRatio(a, b)
}

// logRatio is log((a+ε)/(b+ε)) for non-negative quantities, NaN when either is missing.
func logRatio(a, b float64) float64 {
	const eps = 1e-3
	if math.IsNaN(a) || math.IsNaN(b) || a < 0 || b < 0 {
		return math.NaN()
	}
	return math.Log((a + eps) / (b + eps))
}

// sameSource reports whether both fields are views of one column (a ratio is a view of two).
func (f field) sameSource(g field) bool {
	return f.Kind != fieldRatio && g.Kind != fieldRatio && f.Col == g.Col
}

// token returns the field's token for row.
func (f field) token(row []string) string {
	s := cell(row, f.Col)
	if f.Pad > len(s) && s != "" && allDigits(s) {
		s = strings.Repeat("0", f.Pad-len(s)) + s
	}
	switch f.Kind {
	case fieldPrefix:
		if len(s) < f.Len {
			return s
		}
		return s[:f.Len]
	case fieldBand, fieldRatio:
		v := f.measure(row)
		if math.IsNaN(v) {
			return ""
		}
		return strconv.Itoa(sort.SearchFloat64s(f.Cuts, v))
	}
	if v, ok := parseNum(s); ok && !allDigits(s) {
		return strconv.FormatFloat(v, 'g', -1, 64) // "108.0" and "108" are the same value
	}
	return s
}

// value returns the numeric feature for row, NaN when missing.
func (n numeric) value(row []string) float64 {
	switch n.Kind {
	case numValue:
		v, _ := parseNum(cell(row, n.Col))
		return v
	case numLogRatio:
		a, _ := parseNum(cell(row, n.Col))
		b, _ := parseNum(cell(row, n.Col2))
		return logRatio(a, b)
	}
	t, ok := parseDate(cell(row, n.Col))
	if !ok {
		return math.NaN()
	}
	switch n.Kind {
	case numWeekday:
		return float64(t.Weekday())
	case numMonthDay:
		return float64(t.Day())
	default:
		return float64(t.Month())
	}
}
