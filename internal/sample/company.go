package sample

import "math"

// company is one trading party. The same company is written several ways across rows (names and latin
// hold its variants, the most common first) while its identifier, where the layout carries one, stays the
// same.
type company struct {
	country *country
	id      string   // INN, BIN, VKN, USCC, TRN or a registration number; "" when none is known
	names   []string // in the original script: Cyrillic, Chinese, Turkish
	latin   []string // Latin renderings: vendor transliterations and English forms
	addr    string   // address in the original script
	addrEn  string   // Latin address, ending with the country's English name
	city    string   // Latin city name
	stem    string   // the distinctive Latin word of the name, used as an own brand
	groups  []int    // goods groups it trades
	first   int      // first and last active month (0..35)
	last    int
}

// active reports whether the company trades in a month.
func (c *company) active(month int) bool { return month >= c.first && month <= c.last }

func (c *company) trades(group int) bool {
	for _, g := range c.groups {
		if g == group {
			return true
		}
	}
	return false
}

// pickVariant returns the usual form two times in three, otherwise any form.
func pickVariant(r *rng, vs []string) string {
	if len(vs) == 1 || r.chance(0.66) {
		return vs[0]
	}
	return vs[r.intn(len(vs))]
}

func (c *company) name(r *rng) string      { return pickVariant(r, c.names) }
func (c *company) latinName(r *rng) string { return pickVariant(r, c.latin) }

// pool is the companies of one country, ranked: a Zipf draw (exponent 0.6) makes a few of them big
// traders and leaves a long tail of small ones.
type pool struct {
	cs []*company
	w  weighted
}

// universe is every company of a run, by country.
type universe struct {
	pools map[*country]*pool
	all   []*company
}

// groupWeights says what the companies of a country trade, by goods group (see the g* constants).
func groupWeights(c *country) []float64 {
	switch {
	case c.code == "CN":
		return []float64{18, 25, 4, 8, 14, 2, 6, 6, 6, 10, 1, 2, 0.3}
	case c.code == "TR":
		return []float64{10, 4, 1, 5, 25, 15, 10, 10, 8, 8, 1, 3, 1.5}
	case c.code == "HK":
		return []float64{10, 45, 8, 5, 8, 5, 5, 1, 2, 8, 0, 6, 0.2}
	case c.code == "AE" || c.code == "KG" || c.code == "AM" || c.code == "GE" || c.code == "UZ":
		return []float64{12, 30, 4, 5, 6, 10, 15, 3, 4, 6, 0, 8, 0.3}
	case c.code == "RU" || c.code == "KZ" || c.code == "BY":
		return []float64{16, 16, 5, 10, 10, 10, 10, 7, 5, 7, 1, 5, 0.7}
	case c.western:
		return []float64{22, 14, 10, 14, 5, 8, 10, 4, 3, 4, 1, 6, 1}
	}
	return []float64{12, 10, 3, 10, 12, 20, 5, 6, 8, 5, 3, 4, 0.3}
}

// newUniverse creates n companies (at least three per country) spread over the countries by their
// weights, with names, identifiers, addresses, goods groups and activity windows.
func newUniverse(r *rng, n int, seen map[string]bool) *universe {
	u := &universe{pools: map[*country]*pool{}}
	total := 0.0
	for _, c := range countries {
		total += c.weight
	}
	for _, c := range countries {
		k := int(math.Round(float64(n) * c.weight / total))
		if k < 3 {
			k = 3
		}
		p := &pool{w: zipf(k, 0.6)}
		gw := newWeighted(groupWeights(c))
		for i := 0; i < k; i++ {
			co := newCompany(r, c, seen)
			ng := 1 + r.intn(3)
			for len(co.groups) < ng {
				g := gw.pick(r)
				if !co.trades(g) {
					co.groups = append(co.groups, g)
				}
			}
			co.first, co.last = activity(r, c)
			p.cs = append(p.cs, co)
			u.all = append(u.all, co)
		}
		u.pools[c] = p
	}
	return u
}

// activity draws the months a company trades: most trade throughout, some Russian importers stop
// after the invasion and many new ones appear after it, as do new traders in the hubs.
func activity(r *rng, c *country) (first, last int) {
	first, last = 0, numMonths-1
	x := r.float()
	switch {
	case c.code == "RU":
		switch {
		case x < 0.3:
			first = 14 + int(math.Floor(math.Pow(r.float(), 1.5)*22))
		case x < 0.4:
			first = 1 + r.intn(13)
		case x < 0.55:
			last = 14 + r.intn(10)
		}
	case c.hub:
		if x < 0.25 {
			first = 14 + r.intn(20)
		} else if x < 0.32 {
			first = 1 + r.intn(13)
		}
	default:
		if x < 0.15 {
			first = 1 + r.intn(30)
		}
	}
	return first, last
}

// pick draws an active company of a country that trades the goods group, trying a few ranks before
// settling for an active one that trades something else. A negative group accepts any.
func (u *universe) pick(r *rng, c *country, month, group int) *company {
	p := u.pools[c]
	var fallback *company
	for try := 0; try < 12; try++ {
		co := p.cs[p.w.pick(r)]
		if !co.active(month) {
			continue
		}
		if group < 0 || co.trades(group) {
			return co
		}
		if fallback == nil {
			fallback = co
		}
	}
	if fallback != nil {
		return fallback
	}
	return p.cs[0]
}

// newCompany invents a company of a country in the country's naming style.
func newCompany(r *rng, c *country, seen map[string]bool) *company {
	switch c.style {
	case styleRU:
		return newRussianCompany(r, seen)
	case styleKZ:
		return newKazakhCompany(r, seen)
	case styleTR:
		return newTurkishCompany(r, seen)
	case styleCN:
		return newChineseCompany(r, seen)
	case styleHK:
		return newHongKongCompany(r, seen)
	case styleAE:
		return newEmiratiCompany(r, seen)
	case styleCIS:
		return newCISCompany(r, c, seen)
	}
	return newLatinCompany(r, c, seen)
}
