package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a calendar month, or a whole year when Month is 0.
type Period struct {
	Year  int16
	Month int8 // 1–12; 0 for a year
}

// Month returns the period of month m (1–12) of year y.
func Month(y, m int) Period { return Period{Year: int16(y), Month: int8(m)} }

// Year returns the period of the whole year y.
func Year(y int) Period { return Period{Year: int16(y)} }

// MonthOf returns the month that contains t.
func MonthOf(t time.Time) Period { return Month(t.Year(), int(t.Month())) }

// IsYear reports whether the period is a whole year.
func (p Period) IsYear() bool { return p.Month == 0 }

// String renders the period as YYYY-MM, or YYYY for a year.
func (p Period) String() string {
	if p.IsYear() {
		return fmt.Sprintf("%04d", p.Year)
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
}

// index counts months from year 0 so that months can be compared and shifted; a year counts as its January.
func (p Period) index() int {
	m := int(p.Month)
	if m == 0 {
		m = 1
	}
	return int(p.Year)*12 + m - 1
}

func fromIndex(i int) Period { return Month(i/12, i%12+1) }

// AddMonths returns the month n months after p (before it when n is negative). It is meant for months.
func (p Period) AddMonths(n int) Period { return fromIndex(p.index() + n) }

// Before reports whether p starts before q.
func (p Period) Before(q Period) bool {
	if p.Year != q.Year {
		return p.Year < q.Year
	}
	return p.Month < q.Month
}

// ParsePeriod reads the period notations of trade statistics: 2022-03, 2022M03, 2022-M03, 202203 (Comext bulk
// and Comtrade), M202203, 2022 and Y2022 (Eurostat labels), and Comext's annual YYYY52.
func ParsePeriod(s string) (Period, error) {
	t := strings.TrimSpace(s)
	if len(t) > 0 && (t[0] == 'Y' || t[0] == 'y') {
		if y, ok := year(t[1:]); ok {
			return Year(y), nil
		}
		return Period{}, fmt.Errorf("parse period %q: bad year", s)
	}
	if len(t) > 0 && (t[0] == 'M' || t[0] == 'm') {
		t = t[1:]
	}
	var ys, ms string
	switch {
	case len(t) == 4:
		ys = t
	case len(t) == 6:
		ys, ms = t[:4], t[4:]
	case len(t) == 7 && (t[4] == '-' || t[4] == 'M' || t[4] == 'm' || t[4] == '/' || t[4] == '.'):
		ys, ms = t[:4], t[5:]
	case len(t) == 8 && t[4] == '-' && (t[5] == 'M' || t[5] == 'm'):
		ys, ms = t[:4], t[6:]
	default:
		return Period{}, fmt.Errorf("parse period %q: unknown notation", s)
	}
	y, ok := year(ys)
	if !ok {
		return Period{}, fmt.Errorf("parse period %q: bad year", s)
	}
	if ms == "" {
		return Year(y), nil
	}
	m, err := strconv.Atoi(ms)
	if err != nil || ms[0] == '+' || ms[0] == '-' {
		return Period{}, fmt.Errorf("parse period %q: bad month", s)
	}
	switch {
	case m == 52: // Comext writes the annual total of year YYYY as YYYY52
		return Year(y), nil
	case m < 1 || m > 12:
		return Period{}, fmt.Errorf("parse period %q: month %d out of range", s, m)
	}
	return Month(y, m), nil
}

func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y := 0
	for i := 0; i < 4; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	return y, y >= 1900
}

// Span is a run of consecutive months, First and Last included.
type Span struct {
	First, Last Period
}

// Months returns the number of months in the span.
func (s Span) Months() int {
	if s.Last.Before(s.First) {
		return 0
	}
	return s.Last.index() - s.First.index() + 1
}

// Contains reports whether month p lies in the span.
func (s Span) Contains(p Period) bool {
	if p.IsYear() {
		return false
	}
	i := p.index()
	return i >= s.First.index() && i <= s.Last.index()
}

// Shift returns the span moved n months.
func (s Span) Shift(n int) Span { return Span{s.First.AddMonths(n), s.Last.AddMonths(n)} }

func (s Span) String() string {
	if s.First == s.Last {
		return s.First.String()
	}
	return s.First.String() + ".." + s.Last.String()
}
