// Package unitvalue finds declaration lines whose price per unit or per kilogram is far from their peers: the
// lines of the same HS subheading, unit and year. Peers are summarised by robust statistics on the log of the
// price (median and median absolute deviation), so that a few wild lines do not move the yardstick, and a group
// needs a minimum number of peers to be judged. Both ways count: prices far below the peers (undervaluation) and
// far above them (the premium that scarce controlled goods fetch on the way round sanctions, or goods that are
// not what the code says). Findings group one shipper, consignee, subheading, year and direction, so that one
// trader's hundreds of lines make one finding.
package unitvalue

import (
	"context"
	_ "embed" // units.csv
	"encoding/csv"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/trade"
)

// Version names the algorithm and its defaults; it changes whenever findings may change.
const Version = "1"

// Basis is what a price is per.
type Basis uint8

// Bases of prices.
const (
	PerUnit Basis = iota + 1 // per unit of the declared quantity (pieces, pairs, m² …), kilograms excluded
	PerKg                    // per kilogram of net weight (gross when net is missing)
)

func (b Basis) String() string {
	switch b {
	case PerUnit:
		return "per unit"
	case PerKg:
		return "per kg"
	}
	return ""
}

// Query asks the store for the lines whose price is far from their peers'.
type Query struct {
	Basis Basis
	// Units maps units as declared (upper case) to one code per unit (PerUnit only); units not in it are
	// compared as written.
	Units map[string]string
	// MinPeers is the least number of lines a peer group (HS-6, unit, year) needs to be judged.
	MinPeers int
	// MinRatio: a line counts only when its price is at least MinRatio times the peer median, or at most
	// 1/MinRatio of it.
	MinRatio float64
	// MinZ: a line counts only when |log price − median| ≥ MinZ × 1.4826 × MAD (a robust z-score).
	MinZ float64
	// MinMAD floors the MAD (in natural-log units), so that a peer group of identical prices does not make
	// every small difference an outlier.
	MinMAD float64
}

// Line is a line whose price is far from its peers', with the peers' statistics.
type Line struct {
	ID          trade.ShipmentID
	RecordID    string
	Date        time.Time
	HS          string
	HS6         string
	Unit        string // the unit compared: a code of Query.Units, or "KG" for PerKg
	Period      int    // the year
	Price       float64
	Median      float64 // the peers' median price
	MAD         float64 // the peers' median absolute deviation of log price
	Peers       int
	ValueUSD    float64
	Quantity    float64
	WeightKg    float64
	Shipper     trade.Party
	Consignee   trade.Party
	Destination country.Code
	Description string
}

// Store answers price queries.
type Store interface {
	// PriceOutliers calls fn for every line the query selects, in no particular order.
	PriceOutliers(ctx context.Context, q Query, fn func(*Line) error) error
}

// Detector raises prices far from their peers'.
type Detector struct {
	Store Store
	// MinPeers, MinRatio, MinZ and MinMAD override the defaults when set.
	MinPeers int
	MinRatio float64
	MinZ     float64
	MinMAD   float64
}

// Name implements detect.Detector.
func (Detector) Name() string { return "unit_value" }

// Version implements detect.Detector.
func (Detector) Version() string { return Version }

// Light implements detect.Light: the store computes the peers' statistics, and the detector keeps only the
// outliers (19 MB of live heap at most on the 10M-line sample).
func (Detector) Light() bool { return true }

// Defaults: 20 peers, five times or a fifth of the median, a robust z of 3, a MAD of at least log 1.25.
const (
	DefaultMinPeers = 20
	DefaultMinRatio = 5
	DefaultMinZ     = 3
)

// DefaultMinMAD is log 1.25: peers' prices are taken to spread by at least a quarter.
var DefaultMinMAD = math.Log(1.25)

// Detect implements detect.Detector. It reads through its Store, not the Source: peers' statistics are an
// aggregate that the store computes.
func (d Detector) Detect(ctx context.Context, _ detect.Source) ([]trade.Finding, error) {
	if d.Store == nil {
		return nil, fmt.Errorf("unitvalue: no store")
	}
	units, err := loadUnits()
	if err != nil {
		return nil, err
	}
	q := Query{Units: units, MinPeers: d.MinPeers, MinRatio: d.MinRatio, MinZ: d.MinZ, MinMAD: d.MinMAD}
	if q.MinPeers <= 0 {
		q.MinPeers = DefaultMinPeers
	}
	if q.MinRatio <= 1 {
		q.MinRatio = DefaultMinRatio
	}
	if q.MinZ <= 0 {
		q.MinZ = DefaultMinZ
	}
	if q.MinMAD <= 0 {
		q.MinMAD = DefaultMinMAD
	}
	g := newGrouper(q)
	for _, b := range []Basis{PerUnit, PerKg} {
		q.Basis = b
		err := d.Store.PriceOutliers(ctx, q, func(l *Line) error {
			g.add(b, l)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("unitvalue: %s: %w", b, err)
		}
	}
	return g.findings(), nil
}

//go:embed data/units.csv
var unitsCSV string

var loadUnits = sync.OnceValues(func() (map[string]string, error) {
	var lines []string
	for _, l := range strings.Split(unitsCSV, "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(lines, "\n"))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("unitvalue: units.csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "raw,unit" {
		return nil, fmt.Errorf("unitvalue: units.csv: header is not raw,unit")
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		raw := strings.ToUpper(strings.TrimSpace(r[0]))
		if _, dup := out[raw]; dup {
			return nil, fmt.Errorf("unitvalue: units.csv: %q twice", raw)
		}
		out[raw] = r[1]
	}
	return out, nil
})
