package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// SenzingRecord is one record of a Senzing JSON export (OpenSanctions publishes one per dataset): lists of
// attribute groups whose keys say what each value is (NAME_FULL, DATE_OF_BIRTH, NATIONALITY, TAX_ID_NUMBER …).
type SenzingRecord struct {
	DataSource  string              `json:"DATA_SOURCE"`
	RecordID    string              `json:"RECORD_ID"`
	RecordType  string              `json:"RECORD_TYPE"`
	LastChange  string              `json:"LAST_CHANGE,omitempty"`
	Names       []map[string]string `json:"NAMES,omitempty"`
	Risks       []map[string]string `json:"RISKS,omitempty"`
	Dates       []map[string]string `json:"DATES,omitempty"`
	Countries   []map[string]string `json:"COUNTRIES,omitempty"`
	Addresses   []map[string]string `json:"ADDRESSES,omitempty"`
	Identifiers []map[string]string `json:"IDENTIFIERS,omitempty"`
	URL         string              `json:"URL,omitempty"`
}

// ReadSenzing reads a Senzing export: JSON lines, or one JSON array of records. A record without a RECORD_ID is
// an error.
func ReadSenzing(r io.Reader) ([]SenzingRecord, error) {
	br := bufio.NewReader(r)
	first, err := peekNonSpace(br)
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read senzing json: %w", err)
	}
	var out []SenzingRecord
	if first == '[' {
		if err := json.NewDecoder(br).Decode(&out); err != nil {
			return nil, fmt.Errorf("read senzing json array: %w", err)
		}
	} else {
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 1<<20), maxLine)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var rec SenzingRecord
			if err := json.Unmarshal(b, &rec); err != nil {
				return nil, fmt.Errorf("read senzing json line %d: %w", line, err)
			}
			out = append(out, rec)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read senzing json line %d: %w", line+1, err)
		}
	}
	for i, rec := range out {
		if rec.RecordID == "" {
			return nil, fmt.Errorf("read senzing json record %d: no RECORD_ID: %w", i+1, ErrLayout)
		}
	}
	return out, nil
}

func peekNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		// Spaces and the bytes of a UTF-8 byte-order mark come before the first value.
		if bytes.IndexByte([]byte(" \t\r\n\xef\xbb\xbf"), b[0]) < 0 {
			return b[0], nil
		}
		if _, err := br.ReadByte(); err != nil {
			return 0, err
		}
	}
}

// senzingIDs maps Senzing identifier keys to schemes; TRUSTED_ID and OTHER_ID pairs carry their own type.
var senzingIDs = map[string]string{
	"TAX_ID_NUMBER": "TAX", "NATIONAL_ID_NUMBER": "NATIONAL_ID", "PASSPORT_NUMBER": "PASSPORT",
	"LEI_NUMBER": "LEI", "DUNS_NUMBER": "DUNS", "SSN_NUMBER": "NATIONAL_ID", "DRIVERS_LICENSE_NUMBER": "ID",
	"WEBSITE_ADDRESS": "WEBSITE", "EMAIL_ADDRESS": "EMAIL",
}

// MapSenzing turns Senzing records into list entities of the named list. Topics come from the RISKS group.
// Records without a RECORD_TYPE are the anchors of relationships (OpenSanctions exports positions such as "United
// States representative" that way), not parties, and are left out.
func MapSenzing(list string, records []SenzingRecord, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(records))
	for _, r := range records {
		e := trade.ListEntity{List: list, SourceID: r.RecordID, Schema: trade.SchemaLegalEntity}
		switch strings.ToUpper(strings.TrimSpace(r.RecordType)) {
		case "":
			continue
		case "PERSON":
			e.Schema = trade.SchemaPerson
		case "ORGANIZATION":
			e.Schema = trade.SchemaOrganization
		case "VESSEL":
			e.Schema = trade.SchemaVessel
		}
		var names listtext.NameSet
		for _, primary := range []bool{true, false} {
			for _, n := range r.Names {
				if strings.EqualFold(n["NAME_TYPE"], "PRIMARY") != primary {
					continue
				}
				v := firstNonEmpty(n["NAME_FULL"], n["NAME_ORG"],
					listtext.JoinNonEmpty(" ", n["NAME_FIRST"], n["NAME_MIDDLE"], n["NAME_LAST"]))
				names.Add(v, kindAfter(names))
			}
		}
		e.Names = names.List
		if len(e.Names) == 0 {
			continue
		}
		for _, risk := range r.Risks {
			if t := strings.TrimSpace(risk["TOPIC"]); t != "" {
				e.Topics = append(e.Topics, trade.Topic(t))
			}
		}
		var countries, dates []string
		for _, c := range r.Countries {
			for _, v := range sortedValues(c) {
				countries = append(countries, listtext.Code(country, v))
			}
		}
		for _, a := range r.Addresses {
			e.Addresses = append(e.Addresses, firstNonEmpty(a["ADDR_FULL"],
				listtext.JoinNonEmpty(", ", a["ADDR_LINE1"], a["ADDR_CITY"], a["ADDR_POSTAL_CODE"], a["ADDR_COUNTRY"])))
			countries = append(countries, listtext.Code(country, a["ADDR_COUNTRY"]))
		}
		for _, d := range r.Dates {
			dates = append(dates, sortedValues(d)...)
		}
		e.Countries, e.Dates, e.Addresses = listtext.Dedupe(countries), listtext.Dedupe(dates), listtext.Dedupe(e.Addresses)
		for _, id := range r.Identifiers {
			e.Identifiers = append(e.Identifiers, senzingIdentifiers(id)...)
		}
		raw, _ := json.Marshal(r)
		e.Source = string(raw)
		out = append(out, e)
	}
	return out
}

func senzingIdentifiers(m map[string]string) []trade.Identifier {
	var out []trade.Identifier
	for _, pair := range [][2]string{{"TRUSTED_ID_TYPE", "TRUSTED_ID_NUMBER"}, {"OTHER_ID_TYPE", "OTHER_ID_NUMBER"}} {
		if v := strings.TrimSpace(m[pair[1]]); v != "" {
			out = append(out, trade.Identifier{Scheme: strings.ToUpper(firstNonEmpty(m[pair[0]], "ID")), Value: v})
		}
	}
	for _, k := range sortedKeys(m) {
		if scheme, ok := senzingIDs[k]; ok && strings.TrimSpace(m[k]) != "" {
			out = append(out, trade.Identifier{Scheme: scheme, Value: strings.TrimSpace(m[k])})
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedValues(m map[string]string) []string {
	var out []string
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}
