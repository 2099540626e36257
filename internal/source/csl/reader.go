// Package csl reads the US Consolidated Screening List published by trade.gov — one CSV that merges the
// export-control lists of Commerce (Entity List, Military End User list, Denied Persons, Unverified List), the
// sanctions lists of Treasury (SDN, SSI, NS-CMIC …) and the State Department's lists — and maps its rows to list
// entities whose topics follow the sub-list named in the source column.
package csl

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Record is one row of the CSV. Multi-valued fields hold the values as published, separated by "; ".
type Record struct {
	Row                   int    // 1-based line of the record in the file, header excluded
	ID                    string // _id, in the layout published since 2023
	Source                string // the sub-list: "Entity List (EL) - Bureau of Industry and Security" …
	EntityNumber          string
	Type                  string
	Programs              string
	Name                  string
	Title                 string
	Addresses             string
	FederalRegisterNotice string
	StartDate             string
	EndDate               string
	StandardOrder         string
	LicenseRequirement    string
	LicensePolicy         string
	CallSign              string
	VesselType            string
	GrossTonnage          string
	GrossRegisteredTon    string
	VesselFlag            string
	VesselOwner           string
	Remarks               string
	SourceListURL         string
	AltNames              string
	Citizenships          string
	DatesOfBirth          string
	Nationalities         string
	PlacesOfBirth         string
	SourceInformationURL  string
	IDs                   string
}

func (r *Record) field(column string) *string {
	switch column {
	case "_id":
		return &r.ID
	case "source":
		return &r.Source
	case "entity_number":
		return &r.EntityNumber
	case "type":
		return &r.Type
	case "programs":
		return &r.Programs
	case "name":
		return &r.Name
	case "title":
		return &r.Title
	case "addresses":
		return &r.Addresses
	case "federal_register_notice":
		return &r.FederalRegisterNotice
	case "start_date":
		return &r.StartDate
	case "end_date":
		return &r.EndDate
	case "standard_order":
		return &r.StandardOrder
	case "license_requirement":
		return &r.LicenseRequirement
	case "license_policy":
		return &r.LicensePolicy
	case "call_sign":
		return &r.CallSign
	case "vessel_type":
		return &r.VesselType
	case "gross_tonnage":
		return &r.GrossTonnage
	case "gross_registered_tonnage":
		return &r.GrossRegisteredTon
	case "vessel_flag":
		return &r.VesselFlag
	case "vessel_owner":
		return &r.VesselOwner
	case "remarks":
		return &r.Remarks
	case "source_list_url":
		return &r.SourceListURL
	case "alt_names":
		return &r.AltNames
	case "citizenships":
		return &r.Citizenships
	case "dates_of_birth":
		return &r.DatesOfBirth
	case "nationalities":
		return &r.Nationalities
	case "places_of_birth":
		return &r.PlacesOfBirth
	case "source_information_url":
		return &r.SourceInformationURL
	case "ids":
		return &r.IDs
	}
	return nil
}

// ErrLayout reports a file that is not the Consolidated Screening List layout.
var ErrLayout = errors.New("not the consolidated screening list csv layout")

// Read reads the CSV, in the 2019 layout or the later one with an _id column; columns are found by their header.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read csl csv: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read csl csv header: %w", err)
	}
	found := 0
	for i, h := range header {
		header[i] = strings.ToLower(strings.TrimSpace(h))
		if header[i] == "source" || header[i] == "name" {
			found++
		}
	}
	if found < 2 {
		return nil, fmt.Errorf("read csl csv header %q: %w", strings.Join(header, ","), ErrLayout)
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read csl csv: %w", err)
		}
		rec := Record{Row: len(out) + 1}
		for i, v := range row {
			if i < len(header) {
				if f := rec.field(header[i]); f != nil {
					*f = strings.TrimSpace(v)
				}
			}
		}
		out = append(out, rec)
	}
}
