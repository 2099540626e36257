package ofac

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"tradetrace/internal/trade"
)

// XMLList is an sdnList XML publication (SDN_XML.ZIP, CONS_XML.ZIP and their older "advanced" siblings' simple
// form).
type XMLList struct {
	PublishDate string
	RecordCount string
	Entries     []XMLEntry
}

// XMLEntry is one sdnEntry element.
type XMLEntry struct {
	UID           string         `xml:"uid"`
	FirstName     string         `xml:"firstName"`
	LastName      string         `xml:"lastName"`
	Title         string         `xml:"title"`
	Type          string         `xml:"sdnType"`
	Remarks       string         `xml:"remarks"`
	Programs      []string       `xml:"programList>program"`
	IDs           []XMLID        `xml:"idList>id"`
	AKAs          []XMLAKA       `xml:"akaList>aka"`
	Addresses     []XMLAddress   `xml:"addressList>address"`
	Nationalities []string       `xml:"nationalityList>nationality>country"`
	Citizenships  []string       `xml:"citizenshipList>citizenship>country"`
	DatesOfBirth  []string       `xml:"dateOfBirthList>dateOfBirthItem>dateOfBirth"`
	PlacesOfBirth []string       `xml:"placeOfBirthList>placeOfBirthItem>placeOfBirth"`
	Vessel        *XMLVesselInfo `xml:"vesselInfo"`
}

// XMLID is an identifier of an entry.
type XMLID struct {
	Type       string `xml:"idType"`
	Number     string `xml:"idNumber"`
	Country    string `xml:"idCountry"`
	IssueDate  string `xml:"issueDate"`
	Expiration string `xml:"expirationDate"`
}

// XMLAKA is another name of an entry; Category is "strong" or "weak".
type XMLAKA struct {
	Type      string `xml:"type"`
	Category  string `xml:"category"`
	FirstName string `xml:"firstName"`
	LastName  string `xml:"lastName"`
}

// XMLAddress is an address of an entry.
type XMLAddress struct {
	Address1   string `xml:"address1"`
	Address2   string `xml:"address2"`
	Address3   string `xml:"address3"`
	City       string `xml:"city"`
	State      string `xml:"stateOrProvince"`
	PostalCode string `xml:"postalCode"`
	Country    string `xml:"country"`
}

// XMLVesselInfo describes a vessel entry.
type XMLVesselInfo struct {
	CallSign   string `xml:"callSign"`
	VesselType string `xml:"vesselType"`
	Flag       string `xml:"vesselFlag"`
	Owner      string `xml:"vesselOwner"`
	Tonnage    string `xml:"tonnage"`
	GRT        string `xml:"grossRegisteredTonnage"`
}

// ReadXML reads an sdnList document entry by entry.
func ReadXML(r io.Reader) (XMLList, error) {
	var l XMLList
	d := xml.NewDecoder(r)
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return l, fmt.Errorf("read ofac xml: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "sdnList":
			root = true
		case "Publish_Date":
			if err := d.DecodeElement(&l.PublishDate, &se); err != nil {
				return l, fmt.Errorf("read ofac xml publish date: %w", err)
			}
		case "Record_Count":
			if err := d.DecodeElement(&l.RecordCount, &se); err != nil {
				return l, fmt.Errorf("read ofac xml record count: %w", err)
			}
		case "sdnEntry":
			var e XMLEntry
			if err := d.DecodeElement(&e, &se); err != nil {
				return l, fmt.Errorf("read ofac xml entry %d: %w", len(l.Entries)+1, err)
			}
			l.Entries = append(l.Entries, e)
		}
	}
	if !root {
		return l, fmt.Errorf("read ofac xml: no sdnList element: %w", ErrLayout)
	}
	return l, nil
}

// MapXML turns the entries of an sdnList document into list entities of the named list.
func MapXML(list string, entries []XMLEntry, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(entries))
	for _, e := range entries {
		out = append(out, mapXMLEntry(list, e, country))
	}
	return out
}

func mapXMLEntry(list string, e XMLEntry, country Countries) trade.ListEntity {
	rm := ParseRemarks(e.Remarks)
	le := trade.ListEntity{
		List:     list,
		SourceID: strings.TrimSpace(e.UID),
		Schema:   Schema(e.Type),
		Programs: dedupe(trimAll(e.Programs)),
		Remarks:  strings.TrimSpace(e.Remarks),
	}
	le.Topics = Topics(le.Programs)
	var names nameSet
	names.add(joinNonEmpty(" ", e.FirstName, e.LastName), trade.NamePrimary)
	for _, a := range e.AKAs {
		kind := trade.NameAlias
		switch {
		case strings.EqualFold(strings.TrimSpace(a.Category), "weak"):
			kind = trade.NameWeak
		case strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Type)), "f.k.a"):
			kind = trade.NameFormer
		}
		names.add(joinNonEmpty(" ", a.FirstName, a.LastName), kind)
	}
	for _, n := range rm.Names {
		names.add(n.Value, n.Kind)
	}
	le.Names = names.list

	var countries []string
	for _, a := range e.Addresses {
		le.Addresses = appendNonEmpty(le.Addresses,
			joinNonEmpty(", ", a.Address1, a.Address2, a.Address3, a.City, a.State, a.PostalCode, a.Country))
		countries = append(countries, code(country, a.Country))
	}
	for _, c := range append(append(e.Nationalities, e.Citizenships...), rm.Nationalities...) {
		countries = append(countries, code(country, c))
	}
	if e.Vessel != nil {
		countries = append(countries, code(country, e.Vessel.Flag))
	}
	le.Countries = dedupe(countries)

	dates := rm.Dates
	for _, d := range e.DatesOfBirth {
		dates = append(dates, Dates(d)...)
	}
	ids := rm.IDs
	for _, id := range e.IDs {
		if strings.EqualFold(strings.TrimSpace(id.Type), "Organization Established Date") {
			dates = append(dates, Dates(id.Number)...)
			continue
		}
		scheme, ok := Scheme(id.Type)
		if !ok {
			scheme = strings.ToUpper(strings.Join(strings.Fields(strings.Trim(id.Type, ".: ")), "_"))
		}
		if v := NormalizeID(scheme, id.Number); v != "" && scheme != "" {
			ids = append(ids, ID{Scheme: scheme, Value: v, Country: strings.TrimSpace(id.Country)})
		}
	}
	le.Dates = dedupe(dates)
	le.Identifiers = identifiers(ids, le.Countries, country)
	if e.Vessel != nil && strings.TrimSpace(e.Vessel.CallSign) != "" {
		le.Identifiers = append(le.Identifiers, trade.Identifier{Scheme: "CALL_SIGN", Value: strings.TrimSpace(e.Vessel.CallSign)})
	}
	var raw bytes.Buffer
	_ = json.NewEncoder(&raw).Encode(e)
	le.Source = strings.TrimSpace(raw.String())
	return le
}

func trimAll(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, strings.TrimSpace(x))
	}
	return out
}
