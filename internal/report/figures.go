package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
)

// RouteKey names a route by its countries: origin, dispatch and destination joined by ">", unknown ones as
// "?".
func RouteKey(origin, dispatch, destination string) string {
	q := func(s string) string {
		if s == "" {
			return "?"
		}
		return s
	}
	return q(origin) + ">" + q(dispatch) + ">" + q(destination)
}

// RouteLabel says a route in words: "CN → AE → RU (via hub AE)", or "CN → RU (direct)" when the goods were
// dispatched from their origin.
func RouteLabel(key string) string {
	parts := strings.Split(key, ">")
	if len(parts) != 3 {
		return key
	}
	o, d, t := parts[0], parts[1], parts[2]
	switch {
	case d == "?" || d == o:
		return o + " → " + t + " (direct)"
	case country.IsHub(country.Code(d)):
		return o + " → " + d + " → " + t + " (through hub " + countryName(d) + ")"
	}
	return o + " → " + d + " → " + t
}

func countryName(c string) string {
	if n := country.Name(country.Code(c)); n != "" {
		return n
	}
	return c
}

// ChapterLabel names an HS chapter: "93 Arms and ammunition; parts and accessories thereof".
func ChapterLabel(ch string) string {
	if d := hs.Describe(hs.Code(ch)); d != "" {
		return ch + " " + d
	}
	if ch == "" {
		return "no HS code"
	}
	return ch
}

// GoodsClass returns the goods class of a shipment as read from its text (internal/goods), and the HS
// chapter when the text says nothing beyond ordinary goods.
func GoodsClass(r *Row) (key, label string) {
	res := goods.ClassifyFields(r.Description, r.DescriptionEn, r.Brand, r.Manufacturer)
	if res.Class != goods.Civilian && res.Class != "" {
		return string(res.Class), string(res.Class)
	}
	ch := string(r.HS.Chapter())
	return "hs:" + ch, "civilian, HS " + ChapterLabel(ch)
}

// monthKey is the month of a date as "2006-01".
func monthKey(t time.Time) string { return t.Format("2006-01") }

// MonthLabel says a month key in words: "Jun 2022".
func MonthLabel(key string) string {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return t.Format("Jan 2006")
}

type acc struct {
	m     map[string]*Bucket
	order []string
}

func (a *acc) add(key, label string, value, weight float64) {
	if a.m == nil {
		a.m = map[string]*Bucket{}
	}
	b := a.m[key]
	if b == nil {
		b = &Bucket{Key: key, Label: label}
		a.m[key] = b
		a.order = append(a.order, key)
	}
	b.Lines++
	b.ValueUSD += value
	b.WeightKg += weight
}

// byValue returns the buckets, largest value first, then most lines, then by key.
func (a *acc) byValue() []Bucket {
	out := a.byKey()
	SortByValue(out)
	return out
}

func (a *acc) byKey() []Bucket {
	out := make([]Bucket, 0, len(a.m))
	for _, k := range a.order {
		out = append(out, *a.m[k])
	}
	slices.SortFunc(out, func(x, y Bucket) int { return cmp.Compare(x.Key, y.Key) })
	return out
}

// SortByValue sorts buckets largest value first, then most lines, then by key.
func SortByValue(bs []Bucket) {
	slices.SortFunc(bs, func(x, y Bucket) int {
		if c := cmp.Compare(y.ValueUSD, x.ValueUSD); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Lines, x.Lines); c != 0 {
			return c
		}
		return cmp.Compare(x.Key, y.Key)
	})
}

// Summarize adds up evidence rows: totals, and breakdowns by month, route, goods class (read from the text)
// and shipper → consignee pair. A missing value or weight counts as zero.
func Summarize(rows []Row) Totals {
	var t Totals
	var month, route, goodsAcc, pair acc
	for i := range rows {
		r := &rows[i]
		v, w := r.ValueUSD.Or(0), r.Weight().Or(0)
		t.Lines++
		t.ValueUSD += v
		t.WeightKg += w
		if !r.Date.IsZero() {
			if t.First.IsZero() || r.Date.Before(t.First) {
				t.First = r.Date
			}
			if r.Date.After(t.Last) {
				t.Last = r.Date
			}
			k := monthKey(r.Date)
			month.add(k, MonthLabel(k), v, w)
		}
		rk := RouteKey(string(r.Origin), string(r.Dispatch), string(r.Destination))
		route.add(rk, RouteLabel(rk), v, w)
		gk, gl := GoodsClass(r)
		goodsAcc.add(gk, gl, v, w)
		s, c := r.Shipper.DisplayName(), r.Consignee.DisplayName()
		pair.add(s+"\x1f"+c, s+" → "+c, v, w)
	}
	t.ByMonth = month.byKey()
	t.ByRoute = route.byValue()
	t.ByGoods = goodsAcc.byValue()
	t.Counterparties = pair.byValue()
	return t
}
