// Package detect runs detectors over the shipments of a store and keeps their findings: each detector has a
// name and a version, reads the shipments it needs through a filter the store can push down, and raises findings
// with a score, a severity, an explanation and the evidence rows. A re-run replaces a detector's findings.
package detect

import (
	"context"
	"fmt"
	"sort"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/trade"
)

// Filter selects shipments in the store, so a detector reads only rows that can matter to it.
type Filter struct {
	// HSPrefixes keeps shipments whose national HS code starts with one of these (2, 4, 6, 8 or 10 digits).
	HSPrefixes []string
	// Countries keeps shipments whose destination or consignee country is one of these.
	Countries []country.Code
	From, To  time.Time // dates, inclusive; zero means open
}

// Text is the free text of one shipment: what detectors that read descriptions need, without the rest.
type Text struct {
	ID            trade.ShipmentID
	Description   string
	DescriptionEn string
	Brand         string
	Manufacturer  string
}

// Source is what detectors read.
type Source interface {
	// ScanShipments calls fn for each shipment the filter selects, in no particular order: detectors that
	// need an order impose it.
	ScanShipments(ctx context.Context, f Filter, fn func(*trade.Shipment) error) error
	// ScanText calls fn with the text of each shipment the filter selects, in no particular order: a cheap
	// pass for detectors that read descriptions.
	ScanText(ctx context.Context, f Filter, fn func(*Text) error) error
	// Shipments calls fn for each of the shipments with these ids, in id order.
	Shipments(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error
}

// Sink keeps findings.
type Sink interface {
	// ReplaceFindings stores a detector's findings in place of its previous ones, in one step.
	ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error
}

// Detector raises findings.
type Detector interface {
	Name() string
	Version() string
	Detect(ctx context.Context, src Source) ([]trade.Finding, error)
}

// Report says what one detector did.
type Report struct {
	Detector string
	Version  string
	Findings int
	Took     time.Duration
}

// Run runs the detectors in turn and replaces their findings in the sink. Findings are sorted by score, then
// key, so a re-run over the same data gives the same findings in the same order.
func Run(ctx context.Context, src Source, sink Sink, ds []Detector) ([]Report, error) {
	var reps []Report
	for _, d := range ds {
		start := time.Now()
		fs, err := d.Detect(ctx, src)
		if err != nil {
			return reps, fmt.Errorf("detector %s: %w", d.Name(), err)
		}
		for i := range fs {
			fs[i].Detector, fs[i].DetectorVersion = d.Name(), d.Version()
			fs[i].Severity = trade.SeverityFor(fs[i].Score)
		}
		Sort(fs)
		if err := sink.ReplaceFindings(ctx, d.Name(), d.Version(), fs); err != nil {
			return reps, fmt.Errorf("detector %s: %w", d.Name(), err)
		}
		reps = append(reps, Report{Detector: d.Name(), Version: d.Version(), Findings: len(fs), Took: time.Since(start)})
	}
	return reps, nil
}

// Sort orders findings by descending score, then by key.
func Sort(fs []trade.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Score != fs[j].Score {
			return fs[i].Score > fs[j].Score
		}
		return fs[i].Key < fs[j].Key
	})
}
