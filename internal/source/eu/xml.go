package eu

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// FSFEntity is one sanctionEntity element of the Financial Sanctions Files XML.
type FSFEntity struct {
	LogicalID        string          `xml:"logicalId,attr"`
	EUReference      string          `xml:"euReferenceNumber,attr"`
	UNID             string          `xml:"unitedNationId,attr"`
	DesignationDate  string          `xml:"designationDate,attr"`
	DesignationNotes string          `xml:"designationDetails,attr"`
	Remarks          []string        `xml:"remark"`
	Regulations      []FSFRegulation `xml:"regulation"`
	SubjectType      FSFSubjectType  `xml:"subjectType"`
	Names            []FSFName       `xml:"nameAlias"`
	Citizenships     []FSFCountry    `xml:"citizenship"`
	Births           []FSFBirth      `xml:"birthdate"`
	IDs              []FSFIdentifier `xml:"identification"`
	Addresses        []FSFAddress    `xml:"address"`
}

// FSFRegulation is a regulation that lists or amends an entity; Programme is the sanctions regime ("RUS").
type FSFRegulation struct {
	Programme   string `xml:"programme,attr"`
	NumberTitle string `xml:"numberTitle,attr"`
	Published   string `xml:"publicationDate,attr"`
}

// FSFSubjectType says whether the entity is a person or an enterprise.
type FSFSubjectType struct {
	Code string `xml:"code,attr"`
}

// FSFName is a name of the entity; Strong is "false" for weak aliases.
type FSFName struct {
	WholeName string `xml:"wholeName,attr"`
	FirstName string `xml:"firstName,attr"`
	Middle    string `xml:"middleName,attr"`
	LastName  string `xml:"lastName,attr"`
	Language  string `xml:"nameLanguage,attr"`
	Strong    string `xml:"strong,attr"`
	Function  string `xml:"function,attr"`
}

// FSFCountry is a citizenship.
type FSFCountry struct {
	ISO2        string `xml:"countryIso2Code,attr"`
	Description string `xml:"countryDescription,attr"`
}

// FSFBirth is a date and place of birth.
type FSFBirth struct {
	Date  string `xml:"birthdate,attr"`
	Year  string `xml:"year,attr"`
	City  string `xml:"city,attr"`
	Place string `xml:"place,attr"`
	ISO2  string `xml:"countryIso2Code,attr"`
}

// FSFIdentifier is an identity document or registration number.
type FSFIdentifier struct {
	TypeCode    string `xml:"identificationTypeCode,attr"`
	Description string `xml:"identificationTypeDescription,attr"`
	Number      string `xml:"number,attr"`
	ISO2        string `xml:"countryIso2Code,attr"`
}

// FSFAddress is an address.
type FSFAddress struct {
	Street  string `xml:"street,attr"`
	POBox   string `xml:"poBox,attr"`
	ZipCode string `xml:"zipCode,attr"`
	City    string `xml:"city,attr"`
	Region  string `xml:"region,attr"`
	Place   string `xml:"place,attr"`
	ISO2    string `xml:"countryIso2Code,attr"`
	Country string `xml:"countryDescription,attr"`
}

// ReadXML reads an FSF export document entity by entity.
func ReadXML(r io.Reader) ([]FSFEntity, error) {
	var out []FSFEntity
	d := xml.NewDecoder(r)
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read eu fsf xml: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "export":
			root = true
		case "sanctionEntity":
			var e FSFEntity
			if err := d.DecodeElement(&e, &se); err != nil {
				return nil, fmt.Errorf("read eu fsf xml entity %d: %w", len(out)+1, err)
			}
			out = append(out, e)
		}
	}
	if !root {
		return nil, fmt.Errorf("read eu fsf xml: no export element: %w", ErrLayout)
	}
	return out, nil
}

// fsfSchemes maps FSF identification type codes to identifier schemes.
var fsfSchemes = map[string]string{
	"passport": "PASSPORT", "id": "NATIONAL_ID", "regnumber": "REGISTRATION", "tax": "TAX", "fiscalcode": "TAX",
	"swiftbic": "SWIFT", "imo": "IMO", "other": "ID", "ssn": "NATIONAL_ID", "birthcert": "ID", "drivinglicence": "ID",
	"travel_doc": "PASSPORT", "residentperm": "ID", "electionid": "ID",
}

// MapXML turns FSF entities into list entities of list eu_fsf. Entities published twice under one logical id
// are merged.
func MapXML(entities []FSFEntity, country Countries) []trade.ListEntity {
	var out []trade.ListEntity
	index := make(map[string]int)
	for _, x := range entities {
		e := mapFSF(x, country)
		if i, ok := index[e.SourceID]; ok {
			out[i] = merge(out[i], e)
			continue
		}
		index[e.SourceID] = len(out)
		out = append(out, e)
	}
	return out
}

func mapFSF(x FSFEntity, country Countries) trade.ListEntity {
	e := trade.ListEntity{List: ListFSF, SourceID: x.LogicalID, Schema: trade.SchemaLegalEntity,
		Topics: []trade.Topic{trade.TopicSanction}}
	if e.SourceID == "" {
		e.SourceID = x.EUReference
	}
	if strings.EqualFold(x.SubjectType.Code, "person") {
		e.Schema = trade.SchemaPerson
	}
	var programs []string
	for _, r := range x.Regulations {
		programs = append(programs, strings.TrimSpace(r.Programme))
	}
	e.Programs = dedupe(programs)

	var names nameSet
	for _, strong := range []bool{true, false} {
		for _, n := range x.Names {
			if (n.Strong != "false") != strong {
				continue
			}
			v := n.WholeName
			if strings.TrimSpace(v) == "" {
				v = joinNonEmpty(" ", n.FirstName, n.Middle, n.LastName)
			}
			kind := trade.NameAlias
			switch {
			case !strong:
				kind = trade.NameWeak
			case len(names.List) == 0:
				kind = trade.NamePrimary
			}
			names.AddName(trade.ListName{Value: v, Kind: kind, Lang: strings.ToLower(n.Language)})
		}
	}
	e.Names = names.List

	var countries []string
	for _, c := range x.Citizenships {
		countries = append(countries, fsfCountry(c.ISO2, c.Description, country))
	}
	var ids idList
	for _, a := range x.Addresses {
		if s := joinNonEmpty(", ", a.Street, a.POBox, a.ZipCode, a.City, a.Region, a.Place, a.Country); s != "" {
			e.Addresses = append(e.Addresses, s)
		}
		countries = append(countries, fsfCountry(a.ISO2, a.Country, country))
	}
	e.Countries = dedupe(countries)
	ru := false
	for _, c := range e.Countries {
		ru = ru || c == "RU"
	}
	for _, id := range x.IDs {
		scheme, ok := fsfSchemes[strings.ToLower(id.TypeCode)]
		if !ok {
			scheme = "ID"
		}
		ids.add(scheme, id.Number, ru || strings.EqualFold(id.ISO2, "RU"))
	}
	e.Identifiers = ids.list
	dates := Dates(x.DesignationDate)
	for _, b := range x.Births {
		if b.Date != "" {
			dates = append(dates, Dates(b.Date)...)
		} else if b.Year != "" {
			dates = append(dates, b.Year)
		}
	}
	e.Dates = dedupe(dates)
	e.Remarks = joinNonEmpty("\n", append([]string{x.DesignationNotes}, x.Remarks...)...)
	raw, _ := json.Marshal(x)
	e.Source = string(raw)
	return e
}

func fsfCountry(iso2, description string, country Countries) string {
	if c := listtext.Code(country, iso2); c != "" && !strings.EqualFold(iso2, "00") {
		return c
	}
	return listtext.Code(country, description)
}

// merge adds what b says to a, once.
func merge(a, b trade.ListEntity) trade.ListEntity {
	var names nameSet
	for _, n := range append(a.Names, b.Names...) {
		if n.Kind == trade.NamePrimary && len(names.List) > 0 {
			n.Kind = trade.NameAlias
		}
		names.AddName(n)
	}
	a.Names = names.List
	a.Programs = dedupe(append(a.Programs, b.Programs...))
	a.Countries = dedupe(append(a.Countries, b.Countries...))
	a.Addresses = dedupe(append(a.Addresses, b.Addresses...))
	a.Dates = dedupe(append(a.Dates, b.Dates...))
	var ids idList
	for _, id := range append(a.Identifiers, b.Identifiers...) {
		ids.add(id.Scheme, id.Value, false)
	}
	a.Identifiers = ids.list
	if b.Remarks != a.Remarks {
		a.Remarks = joinNonEmpty("\n", a.Remarks, b.Remarks)
	}
	a.Source = a.Source + "\n" + b.Source
	return a
}
