package trade

import (
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/hs"
)

// ShipmentID identifies a shipment inside one store.
type ShipmentID int64

// Direction says on which side of the border the reporting customs service stood.
type Direction uint8

// Directions of trade, as reported.
const (
	DirectionUnknown Direction = iota
	Import
	Export
)

func (d Direction) String() string {
	switch d {
	case Import:
		return "import"
	case Export:
		return "export"
	}
	return ""
}

// ParseDirection reads "import"/"export" and their usual abbreviations ("IM", "EX", "I", "E", "ИМ", "ЭК").
func ParseDirection(s string) (Direction, bool) {
	switch s {
	case "import", "IMPORT", "Import", "IM", "im", "I", "i", "ИМ", "ИМПОРТ", "imp", "IMP":
		return Import, true
	case "export", "EXPORT", "Export", "EX", "ex", "E", "e", "ЭК", "ЭКСПОРТ", "exp", "EXP":
		return Export, true
	}
	return DirectionUnknown, false
}

// Party is a party as it appears on one declaration line: the name as written (and the vendor's English
// rendering where there is one), address, country and tax identifier. Resolving appearances into parties is
// the names package's work.
type Party struct {
	Name      string
	NameEn    string
	Address   string
	AddressEn string
	Country   country.Code
	ID        string // tax or registration identifier: INN, BIN, EDRPOU, USCC …
}

// Empty reports whether nothing is known of the party.
func (p Party) Empty() bool { return p.Name == "" && p.NameEn == "" && p.ID == "" }

// DisplayName is the name to show: the original, or the English rendering when there is no original.
func (p Party) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.NameEn
}

// Role is the role of a party in a shipment.
type Role uint8

// Roles of parties in shipments.
const (
	RoleUnknown Role = iota
	Shipper
	Consignee
	Manufacturer
	Brand
	Declarant
)

var roleNames = [...]string{"", "shipper", "consignee", "manufacturer", "brand", "declarant"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return ""
}

// Provenance says where a shipment came from: the ingest run, the file and the 1-based data row (the header
// is row 0 for delimited files; the sheet row for spreadsheets; the line for JSON lines).
type Provenance struct {
	Run  RunID
	File string
	Row  int64
}

// Shipment is one customs declaration line, normalised. Every field of the canonical layout has a place here.
type Shipment struct {
	ID            ShipmentID
	RecordID      string // the source's record id; synthesised from run and row when the source has none
	Date          time.Time
	Direction     Direction
	Reporter      country.Code
	DeclarationNo string
	ItemNo        int

	Shipper   Party
	Consignee Party

	Origin      country.Code
	Dispatch    country.Code
	Destination country.Code
	Trading     country.Code

	HS            hs.Code // national code as declared, digits only
	HS6           hs.Code // the international six digits, derived
	Description   string
	DescriptionEn string
	Brand         string
	Manufacturer  string
	Quantity      Num
	Unit          string
	GrossWeightKg Num
	NetWeightKg   Num
	Value         Num
	Currency      string
	ValueUSD      Num
	Aggregated    bool // a monthly aggregate of several declarations, not one line
	Prov          Provenance
	Fingerprint   uint64 // hash of the raw source record: the same row read twice has the same fingerprint
}

// Weight returns the net weight, or the gross weight when the net is missing.
func (s *Shipment) Weight() Num {
	if s.NetWeightKg.Valid {
		return s.NetWeightKg
	}
	return s.GrossWeightKg
}
