package flow

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// Invasion is the date of Russia's full-scale invasion of Ukraine, the default event of a surge analysis.
var Invasion = time.Date(2022, time.February, 24, 0, 0, 0, 0, time.UTC)

// SurgeOptions selects what a surge analysis compares. The zero value compares EU exports to every partner
// in the records with EU exports to Russia, around 24 February 2022.
type SurgeOptions struct {
	Origin       Bloc      // whose exports are summed (members only; the bloc's aggregate lines are ignored); EU27
	Target       Area      // the direct destination; "RU"
	Hubs         []Area    // partners compared with the target; every partner in the records but the target
	Event        time.Time // Invasion
	WindowMonths int       // the months compared after the event; 12, cut at the last month of the records
	Year         int       // the calendar year compared with the one before; the year of the event
	TopCodes     int       // drivers listed per partner; 5
}

func (o SurgeOptions) withDefaults() SurgeOptions {
	if o.Origin.Empty() {
		o.Origin = EU27Bloc()
	}
	if o.Target == "" {
		o.Target = "RU"
	}
	if o.Event.IsZero() {
		o.Event = Invasion
	}
	if o.WindowMonths <= 0 {
		o.WindowMonths = 12
	}
	if o.Year == 0 {
		o.Year = o.Event.Year()
	}
	if o.TopCodes <= 0 {
		o.TopCodes = 5
	}
	return o
}

// Surge is how exports from the origin to one partner moved after the event.
type Surge struct {
	Partner Area
	// Window compares the months after the event with the same months one year earlier.
	Window Change
	// Year compares the calendar year with the year before over the same months, which is the same as
	// comparing their average months when the year is incomplete in the records.
	Year Change
	// Offset is the partner's Window increase as a share of the target's Window decrease: how much of the fall
	// of the direct flow the rise at this hub would make up. 0 for the target, or when either did not move so.
	Offset float64
	// Drivers are the codes behind the Window change, largest first (see Driver).
	Drivers []Driver
}

// Driver is one commodity code behind a partner's change. For a rising partner the codes are ranked by their
// increase, for a falling one by their decrease; codes that moved the other way are not drivers.
type Driver struct {
	Code          string
	Before, After float64 // the partner's values of the code over Window.Base and Window.Span
	Share         float64 // the code's change as a share of the partner's whole Window change
	// DirectBefore and DirectAfter are the target's values of the same code over the same months: a driver
	// whose direct flow fell is a candidate for diversion.
	DirectBefore, DirectAfter float64
}

// Delta returns After − Before.
func (d Driver) Delta() float64 { return d.After - d.Before }

// SurgeReport is the result of Surges: the direct flow to the target and the flows to the hubs, over the same
// months, with their evidence.
type SurgeReport struct {
	Origin   Area
	Target   Area
	Event    time.Time
	Currency string
	Window   Change // the origin's months compared: Window.Base and Window.Span (values unused)
	Year     Change // the calendar months compared (values unused)
	Direct   Surge  // the target
	Hubs     []Surge
	Records  int // records added up
	Annual   int // yearly records ignored: the analysis works on months
}

// Hub returns the surge of partner a.
func (r SurgeReport) Hub(a Area) (Surge, bool) {
	for _, h := range r.Hubs {
		if h.Partner == a {
			return h, true
		}
	}
	return Surge{}, false
}

// Surges measures re-export surges: for every hub, the origin's exports (its member states' figures summed)
// after the event against the same months a year before, next to the same figures for the direct flow to the
// target, with the codes that drive each change.
//
// Definitions. The window starts with the first whole month after the event (March 2022 for 24 February
// 2022) and runs WindowMonths months, cut at the last month present in the records; its base is the same
// months one year earlier. The year comparison takes the months of Year present in the records (all twelve
// for a complete year) against the same months of Year−1. Growth is After/Before − 1. Only monthly export
// records whose reporter is a member of the origin count; aggregate partners and partners inside the origin
// are never hubs. Hubs come out sorted by Window growth, highest first.
func Surges(rs []Record, opt SurgeOptions) (SurgeReport, error) {
	o := opt.withDefaults()
	rep := SurgeReport{Origin: o.Origin.Code, Target: o.Target, Event: o.Event}
	keep := func(r *Record) bool {
		return r.Flow == Export && o.Origin.Has(r.Reporter) && !r.Partner.IsAggregate() && !o.Origin.Has(r.Partner)
	}
	currency, err := checkLevels(rs, keep)
	if err != nil {
		return rep, fmt.Errorf("surges: %w", err)
	}
	rep.Currency = currency

	// First pass: the months the records cover, and the partners.
	covered := make(map[Period]bool)
	partners := make(map[Area]bool)
	last := Period{}
	for i := range rs {
		r := &rs[i]
		if !keep(r) {
			continue
		}
		if r.Period.IsYear() {
			rep.Annual++
			continue
		}
		covered[r.Period] = true
		partners[r.Partner] = true
		if last.Before(r.Period) {
			last = r.Period
		}
	}
	if len(covered) == 0 {
		return rep, fmt.Errorf("surges: exports from %s: %w", o.Origin.Code, ErrNoData)
	}
	start := MonthOf(o.Event)
	if o.Event.Day() != 1 {
		start = start.AddMonths(1)
	}
	window := Span{start, start.AddMonths(o.WindowMonths - 1)}
	if last.Before(window.Last) {
		window.Last = last
	}
	rep.Window = Change{Base: window.Shift(-12), Span: window, Months: window.Months()}
	rep.Year = yearChange(covered, o.Year)

	hubs := o.Hubs
	if len(hubs) == 0 {
		for p := range partners {
			if p != o.Target {
				hubs = append(hubs, p)
			}
		}
	}
	wanted := map[Area]bool{o.Target: true}
	for _, h := range hubs {
		wanted[h] = true
	}

	// Second pass: the sums.
	window2 := make(map[Area]*[2]float64)
	year2 := make(map[Area]*[2]float64)
	codes := make(map[Area]map[string]*[2]float64) // partner → code → window sums
	add := func(m map[Area]*[2]float64, a Area, side int, v float64) {
		s := m[a]
		if s == nil {
			s = new([2]float64)
			m[a] = s
		}
		s[side] += v
	}
	for i := range rs {
		r := &rs[i]
		if !keep(r) || r.Period.IsYear() || !wanted[r.Partner] {
			continue
		}
		rep.Records++
		side := -1
		switch {
		case rep.Window.Span.Contains(r.Period):
			side = 1
		case rep.Window.Base.Contains(r.Period):
			side = 0
		}
		if side >= 0 {
			add(window2, r.Partner, side, r.Value)
			if r.Code != Total {
				pc := codes[r.Partner]
				if pc == nil {
					pc = make(map[string]*[2]float64)
					codes[r.Partner] = pc
				}
				s := pc[r.Code]
				if s == nil {
					s = new([2]float64)
					pc[r.Code] = s
				}
				s[side] += r.Value
			}
		}
		if rep.Year.Months > 0 && covered[Month(o.Year, int(r.Period.Month))] {
			switch int(r.Period.Year) {
			case o.Year:
				add(year2, r.Partner, 1, r.Value)
			case o.Year - 1:
				add(year2, r.Partner, 0, r.Value)
			}
		}
	}

	surge := func(a Area) Surge {
		s := Surge{Partner: a, Window: rep.Window, Year: rep.Year}
		if v := window2[a]; v != nil {
			s.Window.Before, s.Window.After = v[0], v[1]
		}
		if v := year2[a]; v != nil {
			s.Year.Before, s.Year.After = v[0], v[1]
		}
		return s
	}
	rep.Direct = surge(o.Target)
	drivers := func(s *Surge) {
		total := s.Window.Delta()
		if total == 0 {
			return
		}
		for code, v := range codes[s.Partner] {
			d := Driver{Code: code, Before: v[0], After: v[1], Share: (v[1] - v[0]) / total}
			if d.Share <= 0 {
				continue
			}
			if t := codes[o.Target][code]; t != nil {
				d.DirectBefore, d.DirectAfter = t[0], t[1]
			}
			s.Drivers = append(s.Drivers, d)
		}
		slices.SortFunc(s.Drivers, func(a, b Driver) int {
			return cmp.Or(cmp.Compare(math.Abs(b.Delta()), math.Abs(a.Delta())), cmp.Compare(a.Code, b.Code))
		})
		if len(s.Drivers) > o.TopCodes {
			s.Drivers = s.Drivers[:o.TopCodes]
		}
	}
	drivers(&rep.Direct)
	fall := -rep.Direct.Window.Delta()
	for _, h := range hubs {
		if h == o.Target {
			continue
		}
		s := surge(h)
		drivers(&s)
		if d := s.Window.Delta(); d > 0 && fall > 0 {
			s.Offset = d / fall
		}
		rep.Hubs = append(rep.Hubs, s)
	}
	slices.SortFunc(rep.Hubs, func(a, b Surge) int {
		return cmp.Or(cmp.Compare(b.Window.Growth(), a.Window.Growth()), cmp.Compare(a.Partner, b.Partner))
	})
	return rep, nil
}

// yearChange returns the months of year y covered by the records against the same months of y−1.
func yearChange(covered map[Period]bool, y int) Change {
	c := Change{}
	for m := 1; m <= 12; m++ {
		if !covered[Month(y, m)] {
			continue
		}
		if c.Months == 0 {
			c.Span.First = Month(y, m)
		}
		c.Span.Last = Month(y, m)
		c.Months++
	}
	c.Base = c.Span.Shift(-12)
	return c
}
