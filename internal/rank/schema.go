package rank

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Role says how the engine uses a column.
type Role int

// The roles of a column. RoleAuto lets Train decide from the values.
const (
	RoleAuto     Role = iota
	RoleIgnore        // not used: identifiers unique per row, free text, the label
	RoleCategory      // a category: encoded by its out-of-fold risk profile and its frequency
	RoleNumber        // a number: used as is; repeated values are also profiled like categories
	RoleCode          // a hierarchical code of digits (an HS code): profiled whole and by prefixes, and a number
	RoleDate          // a date: weekday, day of month and month
)

var roleNames = []string{"auto", "ignore", "category", "number", "code", "date"}

// String returns the role's name.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("role(%d)", int(r))
	}
	return roleNames[r]
}

// ParseRole returns the role called s (as returned by String).
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if strings.EqualFold(s, n) {
			return Role(i), nil
		}
	}
	return RoleAuto, fmt.Errorf("parse role %q: unknown role", s)
}

// Column is a column of the training table with the role the engine gave it.
type Column struct {
	Name    string
	Index   int  // position in the training header
	Role    Role // never RoleAuto once trained
	Exact   bool // a number whose exact values repeat: also profiled as a category
	Measure bool // a non-negative quantity with many values: banded and put in ratios with other measures
	Width   int  // a code's full width: shorter codes lost leading zeros and are padded back
}

// dateLayouts are the date formats recognised in cells.
var dateLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", time.RFC3339, "2006-01-02T15:04:05", "02.01.2006",
	"2006/01/02", "02/01/2006"}

// parseDate parses s in one of dateLayouts.
func parseDate(s string) (time.Time, bool) {
	if len(s) < 8 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseNum parses a number, accepting a decimal comma when it is the only separator.
func parseNum(s string) (float64, bool) {
	if s == "" {
		return math.NaN(), false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
			v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		}
		if err != nil {
			return math.NaN(), false
		}
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return math.NaN(), false
	}
	return v, true
}

// cell returns the trimmed cell i of row, or "" when the row is short.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// inferColumns decides the role of every column from its values in rows. Roles set in cfg win; the label
// column is ignored.
func inferColumns(header []string, rows [][]string, label int, cfg Config) []Column {
	cols := make([]Column, len(header))
	for i, name := range header {
		c := Column{Name: name, Index: i, Role: cfg.Roles[name]}
		st := profile(rows, i)
		if i == label {
			c.Role = RoleIgnore
		}
		if c.Role == RoleAuto {
			c.Role = st.role()
		}
		if c.Role == RoleCode {
			c.Width = st.maxLen
		}
		if c.Role == RoleNumber {
			c.Exact = st.distinct <= st.nonEmpty*4/5 && !cfg.NoValueProfiles
			c.Measure = st.distinct >= 100 && st.min >= 0
		}
		cols[i] = c
	}
	return cols
}

// colStats summarises the values of one column.
type colStats struct {
	nonEmpty, distinct       int
	numbers, integers, dates int
	digits, leadingZero      int // values made only of digits; such values starting with 0
	minLen, maxLen, atMaxLen int // the shortest and longest digit value; how many have the longest length
	min                      float64
}

func profile(rows [][]string, i int) colStats {
	st := colStats{min: math.Inf(1)}
	seen := make(map[string]struct{})
	for _, row := range rows {
		s := cell(row, i)
		if s == "" {
			continue
		}
		st.nonEmpty++
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			st.distinct++
		}
		if v, ok := parseNum(s); ok {
			st.numbers++
			if v == math.Trunc(v) {
				st.integers++
			}
			st.min = math.Min(st.min, v)
		}
		if allDigits(s) {
			if st.digits == 0 || len(s) < st.minLen {
				st.minLen = len(s)
			}
			switch {
			case len(s) > st.maxLen:
				st.maxLen, st.atMaxLen = len(s), 1
			case len(s) == st.maxLen:
				st.atMaxLen++
			}
			st.digits++
			if s[0] == '0' && len(s) > 1 {
				st.leadingZero++
			}
		}
		if st.nonEmpty <= 200 || st.dates > 0 {
			if _, ok := parseDate(s); ok {
				st.dates++
			}
		}
	}
	return st
}

func (st colStats) role() Role {
	n := st.nonEmpty
	switch {
	case n == 0:
		return RoleIgnore
	case st.dates >= n*19/20:
		return RoleDate
	case st.distinct >= n*19/20 && st.distinct >= 20 && (st.numbers < n || st.integers == st.numbers):
		return RoleIgnore // an identifier: every row has its own value, so it says nothing about other rows
	case st.digits == n && st.maxLen >= 6 && st.atMaxLen >= n*3/4 && st.minLen >= st.maxLen-1 && st.distinct >= 20:
		return RoleCode // digits of one width, some of which lost a leading zero: a nomenclature code
	case st.numbers >= n*49/50 && st.leadingZero == 0:
		return RoleNumber
	default:
		return RoleCategory
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
