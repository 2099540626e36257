// Package un reads the United Nations Security Council consolidated sanctions list in its XML form
// (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES) and maps its records to list entities.
package un

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Record is one INDIVIDUAL or ENTITY element.
type Record struct {
	Individual     bool       `xml:"-"`
	DataID         string     `xml:"DATAID"`
	FirstName      string     `xml:"FIRST_NAME"`
	SecondName     string     `xml:"SECOND_NAME"`
	ThirdName      string     `xml:"THIRD_NAME"`
	FourthName     string     `xml:"FOURTH_NAME"`
	ListType       string     `xml:"UN_LIST_TYPE"` // the sanctions regime: Al-Qaida, DPRK, Taliban …
	Reference      string     `xml:"REFERENCE_NUMBER"`
	ListedOn       string     `xml:"LISTED_ON"`
	OriginalScript string     `xml:"NAME_ORIGINAL_SCRIPT"`
	Comments       string     `xml:"COMMENTS1"`
	Gender         string     `xml:"GENDER"`
	Titles         []string   `xml:"TITLE>VALUE"`
	Designations   []string   `xml:"DESIGNATION>VALUE"`
	Nationalities  []string   `xml:"NATIONALITY>VALUE"`
	Aliases        []Alias    `xml:"-"`
	Addresses      []Address  `xml:"-"`
	BirthDates     []Birth    `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces    []Address  `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents      []Document `xml:"INDIVIDUAL_DOCUMENT"`

	IndividualAliases   []Alias   `xml:"INDIVIDUAL_ALIAS" json:"-"`
	EntityAliases       []Alias   `xml:"ENTITY_ALIAS" json:"-"`
	IndividualAddresses []Address `xml:"INDIVIDUAL_ADDRESS" json:"-"`
	EntityAddresses     []Address `xml:"ENTITY_ADDRESS" json:"-"`
}

// Alias is another name; Quality is "Good", "Low", "a.k.a." or "f.k.a.".
type Alias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
	Note    string `xml:"NOTE"`
}

// Address is an address or a place of birth.
type Address struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	ZipCode string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

// Birth is a date of birth: an exact date, a year, or a range of years.
type Birth struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
}

// Document is an identity document.
type Document struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}

// List is a CONSOLIDATED_LIST document.
type List struct {
	Generated string
	Records   []Record
}

// ErrLayout reports a document that is not the UN consolidated list.
var ErrLayout = errors.New("not the un consolidated list xml")

// Read reads a CONSOLIDATED_LIST document record by record.
func Read(r io.Reader) (List, error) {
	var l List
	d := xml.NewDecoder(r)
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return l, fmt.Errorf("read un xml: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "CONSOLIDATED_LIST":
			root = true
			for _, a := range se.Attr {
				if a.Name.Local == "dateGenerated" {
					l.Generated = a.Value
				}
			}
		case "INDIVIDUAL", "ENTITY":
			var rec Record
			if err := d.DecodeElement(&rec, &se); err != nil {
				return l, fmt.Errorf("read un xml record %d: %w", len(l.Records)+1, err)
			}
			rec.Individual = se.Name.Local == "INDIVIDUAL"
			rec.Aliases = append(rec.IndividualAliases, rec.EntityAliases...)
			rec.Addresses = append(rec.IndividualAddresses, rec.EntityAddresses...)
			rec.IndividualAliases, rec.EntityAliases, rec.IndividualAddresses, rec.EntityAddresses = nil, nil, nil, nil
			l.Records = append(l.Records, rec)
		}
	}
	if !root {
		return l, fmt.Errorf("read un xml: no CONSOLIDATED_LIST element: %w", ErrLayout)
	}
	return l, nil
}
