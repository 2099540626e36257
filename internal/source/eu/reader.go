// Package eu reads the European Union's sanctions publications — the consolidated CSV of the Official Journal
// annexes of Regulation 269/2014 (asset freeze) and Regulation 833/2014 (sectoral measures, Annex IV: persons
// supporting Russia's military and industrial complex), and the Financial Sanctions Files (FSF) XML of the
// consolidated financial sanctions list — and maps their records to list entities.
package eu

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Record is one row of the consolidated CSV: one entry of one annex. Multi-valued fields hold the values as
// published, separated by "; ".
type Record struct {
	Row                int // 1-based line of the record in the file, header excluded
	Celex              string
	RecordID           string
	ProgramKey         string
	Annex              string
	Measure            string
	StartDate          string
	Reason             string
	Schema             string
	Name               string
	Alias              string
	WeakAlias          string
	PreviousName       string
	Country            string
	Nationality        string
	Jurisdiction       string
	BirthDate          string
	BirthPlace         string
	Position           string
	PassportNumber     string
	Gender             string
	IncorporationDate  string
	LegalForm          string
	Sector             string
	RegistrationNumber string
	TaxNumber          string
	IDNumber           string
	INN                string
	OGRN               string
	KPP                string
	OKPO               string
	LEI                string
	SwiftBIC           string
	Ticker             string
	IMO                string
	MMSI               string
	Flag               string
	Address            string
	Phone              string
	Email              string
	Website            string
	Notes              string
}

// field returns the field that holds the CSV column, or nil for a column the record does not keep.
func (r *Record) field(column string) *string {
	switch column {
	case "celex":
		return &r.Celex
	case "recordId":
		return &r.RecordID
	case "programKey":
		return &r.ProgramKey
	case "annex":
		return &r.Annex
	case "measure":
		return &r.Measure
	case "startDate":
		return &r.StartDate
	case "reason":
		return &r.Reason
	case "schema":
		return &r.Schema
	case "name":
		return &r.Name
	case "alias":
		return &r.Alias
	case "weakAlias":
		return &r.WeakAlias
	case "previousName":
		return &r.PreviousName
	case "country":
		return &r.Country
	case "nationality":
		return &r.Nationality
	case "jurisdiction":
		return &r.Jurisdiction
	case "birthDate":
		return &r.BirthDate
	case "birthPlace":
		return &r.BirthPlace
	case "position":
		return &r.Position
	case "passportNumber":
		return &r.PassportNumber
	case "gender":
		return &r.Gender
	case "incorporationDate":
		return &r.IncorporationDate
	case "legalForm":
		return &r.LegalForm
	case "sector":
		return &r.Sector
	case "registrationNumber":
		return &r.RegistrationNumber
	case "taxNumber":
		return &r.TaxNumber
	case "idNumber":
		return &r.IDNumber
	case "innCode":
		return &r.INN
	case "ogrnCode":
		return &r.OGRN
	case "kppCode":
		return &r.KPP
	case "okpoCode":
		return &r.OKPO
	case "leiCode":
		return &r.LEI
	case "swiftBic":
		return &r.SwiftBIC
	case "ticker":
		return &r.Ticker
	case "imoNumber":
		return &r.IMO
	case "mmsi":
		return &r.MMSI
	case "flag":
		return &r.Flag
	case "address":
		return &r.Address
	case "phone":
		return &r.Phone
	case "email":
		return &r.Email
	case "website":
		return &r.Website
	case "notes":
		return &r.Notes
	}
	return nil
}

// ErrLayout reports a file that is not in the layout this package reads.
var ErrLayout = errors.New("not an eu sanctions layout")

// ReadCSV reads the consolidated CSV. The header names the columns; their order does not matter, unknown
// columns are ignored, and a header without the name and schema columns is an error.
func ReadCSV(r io.Reader) ([]Record, error) {
	data, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("read eu csv: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read eu csv header: %w", err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	found := 0
	for _, h := range header {
		if h == "name" || h == "schema" {
			found++
		}
	}
	if found < 2 {
		return nil, fmt.Errorf("read eu csv header %q: %w", strings.Join(header, ","), ErrLayout)
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read eu csv: %w", err)
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

// readText reads all of r as UTF-8, dropping a byte-order mark and decoding Windows-1252 when the bytes are not
// valid UTF-8.
func readText(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, nil
	}
	return charmap.Windows1252.NewDecoder().Bytes(data)
}
