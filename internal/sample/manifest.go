package sample

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// KeyFile is the name of the answer key written beside the data: the planted events with their record
// ids and expected figures. It exists to check detectors from outside; a detector must never read it.
const KeyFile = "planted.json"

// Manifest describes a generated sample.
type Manifest struct {
	Note   string     `json:"note"`
	Seed   uint64     `json:"seed"`
	Rows   int64      `json:"rows"`
	Files  []FileInfo `json:"files"`
	Events []Event    `json:"events"`
}

// FileInfo describes one written file.
type FileInfo struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`    // "ru_import" …
	Profile     string `json:"profile"` // the ingest profile that reads it
	Encoding    string `json:"encoding"`
	Year        int    `json:"year"`
	Rows        int64  `json:"rows"`
	FirstRecord string `json:"first_record_id"`
	LastRecord  string `json:"last_record_id"`
}

// Event is one planted event: a story of the seed articles written into the data.
type Event struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Article  string        `json:"article"` // what the articles report
	Parties  []EventParty  `json:"parties"`
	Expected []Expectation `json:"expected"`
	Records  []EventRecord `json:"records"`
}

// EventParty is a party of an event with the identifier the data carries for it.
type EventParty struct {
	Role     string   `json:"role"` // "exporter", "importer", "hub", "maker" …
	Name     string   `json:"name"`
	Variants []string `json:"variants"` // every form the data writes
	ID       string   `json:"id,omitempty"`
	Country  string   `json:"country"`
}

// Expectation is a figure the records of one file kind (and one group of records, when set) must add up
// to, within a relative tolerance.
type Expectation struct {
	What        string  `json:"what"`
	FileKind    string  `json:"file_kind"`
	Group       string  `json:"group,omitempty"`
	Lots        int     `json:"lots,omitempty"` // declarations
	Quantity    float64 `json:"quantity,omitempty"`
	NetWeightKg float64 `json:"net_weight_kg,omitempty"`
	ValueUSD    float64 `json:"value_usd,omitempty"`
	Months      string  `json:"months"` // "2022-06" or "2022-11..2022-12"
	Tolerance   float64 `json:"tolerance"`
}

// EventRecord is one planted row as written.
type EventRecord struct {
	RecordID      string  `json:"record_id"`
	File          string  `json:"file"`
	FileKind      string  `json:"file_kind"`
	Group         string  `json:"group,omitempty"`
	Lot           int     `json:"lot"`
	Date          string  `json:"date"`
	DeclarationNo string  `json:"declaration_no"`
	Item          int     `json:"item"`
	HSCode        string  `json:"hs_code"`
	Brand         string  `json:"brand,omitempty"`
	Model         string  `json:"model,omitempty"`
	Quantity      float64 `json:"quantity"`
	Unit          string  `json:"unit"`
	NetWeightKg   float64 `json:"net_weight_kg"`
	GrossWeightKg float64 `json:"gross_weight_kg"`
	ValueUSD      float64 `json:"value_usd"`
	Shipper       string  `json:"shipper"`
	Consignee     string  `json:"consignee"`
	Origin        string  `json:"origin"`
	Dispatch      string  `json:"dispatch"`
	Destination   string  `json:"destination"`
}

// plantedRow is a planted row written by a file, with its event.
type plantedRow struct {
	ev  *plantEvent
	rec EventRecord
}

func (f *fileGen) eventRecord(d *decl, i int, recID string) EventRecord {
	it := &d.items[i]
	origin := ""
	if it.origin != nil {
		origin = it.origin.code
	}
	return EventRecord{
		RecordID: recID, File: f.name, FileKind: f.kind.String(), Group: d.plant.group, Lot: d.plant.lot,
		Date: d.date.String(), DeclarationNo: f.declNo, Item: i + 1, HSCode: it.hs, Brand: it.brand, Model: it.model,
		Quantity: it.qty, Unit: it.unit, NetWeightKg: it.net, GrossWeightKg: it.gross, ValueUSD: round2(it.valueUSD),
		Shipper: d.shipper.co.latin[0], Consignee: d.consignee.co.latin[0], Origin: origin,
		Dispatch: d.dispatch.code, Destination: d.dest.code,
	}
}

// manifest gathers the files written and the planted rows into the manifest.
func (g *generator) manifest(jobs []*fileGen) Manifest {
	m := Manifest{
		Note: "Answer key of the synthetic sample: the planted events, their record ids and expected figures. " +
			"It is for tests and evaluation only; detectors must never read this file.",
		Seed: g.cfg.Seed, Rows: g.cfg.Rows,
	}
	byEvent := map[*plantEvent][]EventRecord{}
	for _, f := range jobs {
		l := layouts[f.kind]
		fi := FileInfo{Name: f.name, Kind: f.kind.String(), Profile: l.Profile, Encoding: l.Encoding, Year: f.year, Rows: f.rows}
		if f.rows > 0 {
			fi.FirstRecord = recordPrefix[f.kind] + pad10(f.firstSerial)
			fi.LastRecord = recordPrefix[f.kind] + pad10(f.firstSerial+f.rows-1)
		}
		m.Files = append(m.Files, fi)
	}
	for _, f := range jobs {
		for _, pr := range f.records {
			byEvent[pr.ev] = append(byEvent[pr.ev], pr.rec)
		}
	}
	for _, ev := range g.events {
		recs := byEvent[ev]
		sort.SliceStable(recs, func(i, j int) bool {
			if recs[i].FileKind != recs[j].FileKind {
				return recs[i].FileKind < recs[j].FileKind
			}
			return recs[i].RecordID < recs[j].RecordID
		})
		m.Events = append(m.Events, Event{ID: ev.id, Title: ev.title, Article: ev.article, Parties: ev.parties,
			Expected: ev.expected, Records: recs})
	}
	return m
}

func writeKey(path string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode key: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write key: %w", err)
	}
	return nil
}

// ReadKey reads the answer key of a generated sample, for tests and evaluation tools.
func ReadKey(path string) (Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Manifest{}, fmt.Errorf("read key: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return Manifest{}, fmt.Errorf("read key %s: %w", path, err)
	}
	return m, nil
}
