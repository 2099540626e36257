package ingest

import (
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/fx"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// field indexes, in the order of Fields.
const (
	fRecordID = iota
	fDate
	fDirection
	fReporter
	fDeclarationNo
	fItemNo
	fShipperName
	fShipperNameEn
	fShipperAddress
	fShipperAddressEn
	fShipperCountry
	fShipperID
	fConsigneeName
	fConsigneeNameEn
	fConsigneeAddress
	fConsigneeAddressEn
	fConsigneeCountry
	fConsigneeID
	fOrigin
	fDispatch
	fDestination
	fTrading
	fHSCode
	fDescription
	fDescriptionEn
	fBrand
	fManufacturer
	fQuantity
	fUnit
	fGrossWeight
	fNetWeight
	fValue
	fCurrency
	fValueUSD
	nFields
)

// Problem is why a row was rejected: the column, the value and a reason code with a sentence.
type Problem struct {
	Column string
	Value  string
	Reason string
	Detail string
}

// binding is a profile bound to one file's header.
type binding struct {
	p        *Profile
	cols     [nField][]int // source column indexes per field, in order of preference
	colNames [nField][]string
	spec     [nField]FieldSpec
	consts   [nField]string
	layouts  [nField][]string
	nulls    map[string]bool
	nullMax  int       // the longest null token's length
	nullHead [256]bool // the first bytes of the null tokens
	fx       *fx.Table
}

const nField = nFields

func bind(p *Profile, header []string, rates *fx.Table) (*binding, error) {
	b := &binding{p: p, fx: rates}
	b.setNulls(p.Null)
	idx := map[string]int{}
	for i, h := range header {
		if _, dup := idx[normHeader(h)]; !dup {
			idx[normHeader(h)] = i
		}
	}
	var missing []string
	for fi, name := range Fields {
		b.consts[fi] = p.Constants[name]
		spec, ok := p.Map[name]
		if !ok {
			continue
		}
		b.spec[fi] = spec
		for _, c := range spec.Columns {
			if i, ok := idx[normHeader(c)]; ok {
				b.cols[fi] = append(b.cols[fi], i)
				b.colNames[fi] = append(b.colNames[fi], c)
			}
		}
		if len(b.cols[fi]) == 0 && name == "date" {
			missing = append(missing, strings.Join(spec.Columns, "|"))
		}
		var layouts []string
		if spec.Format != "" {
			l, _ := dateLayout(spec.Format)
			layouts = append(layouts, l)
		}
		for _, f := range p.DateFormats {
			l, _ := dateLayout(f)
			layouts = append(layouts, l)
		}
		b.layouts[fi] = append(layouts, defaultDateLayouts...)
	}
	if len(missing) > 0 {
		return nil, &missingColumnsError{profile: p.Name, columns: missing}
	}
	return b, nil
}

type missingColumnsError struct {
	profile string
	columns []string
}

func (e *missingColumnsError) Error() string {
	return "profile " + e.profile + ": the header lacks the column(s) " + strings.Join(e.columns, ", ")
}

// get returns the first non-missing value of a field in a record, the column it came from, or the constant.
func (b *binding) get(fi int, rec []string) (string, string) {
	for k, i := range b.cols[fi] {
		if i < len(rec) {
			v := strings.TrimSpace(rec[i])
			if !b.isNull(v) {
				return v, b.colNames[fi][k]
			}
		}
	}
	return b.consts[fi], ""
}

// setNulls makes the null tokens: the usual ones and the profile's own.
func (b *binding) setNulls(own []string) {
	b.nulls = map[string]bool{"": true, "NULL": true, "null": true, "Null": true, "N/A": true, "n/a": true}
	for _, t := range own {
		b.nulls[t] = true
	}
	for t := range b.nulls {
		b.nullMax = max(b.nullMax, len(t))
		if t != "" {
			b.nullHead[t[0]] = true
		}
	}
}

// isNull tells whether a value is one of the null tokens. It is asked of every field of every row, so most
// values (too long, or beginning with a byte no token begins with) are answered without the map.
func (b *binding) isNull(v string) bool {
	if v != "" && (len(v) > b.nullMax || !b.nullHead[v[0]]) {
		return false
	}
	return b.nulls[v]
}

func (b *binding) columnName(fi int) string {
	if len(b.colNames[fi]) > 0 {
		return b.colNames[fi][0]
	}
	return Fields[fi]
}

// normalize turns one record into a shipment, or says why it cannot.
func (b *binding) normalize(rec []string, s *trade.Shipment, w *warnings) *Problem {
	str := func(fi int) string {
		v, _ := b.get(fi, rec)
		return v
	}
	num := func(fi int, dst *trade.Num) *Problem {
		v, col := b.get(fi, rec)
		if v == "" {
			return nil
		}
		dec := b.spec[fi].Decimal
		if dec == "" {
			dec = b.p.Decimal
		}
		f, err := parseNumber(v, dec)
		if err != nil {
			return &Problem{Column: orField(col, fi), Value: v, Reason: "bad_number", Detail: "not a number"}
		}
		if f < 0 {
			return &Problem{Column: orField(col, fi), Value: v, Reason: "negative_number", Detail: "must not be negative"}
		}
		if sc := b.spec[fi].Scale; sc != 0 {
			f *= sc
		}
		if f == 0 {
			return nil // customs extracts write 0 for "not reported"
		}
		*dst = trade.N(f)
		return nil
	}
	ctry := func(fi int) country.Code {
		v, col := b.get(fi, rec)
		if v == "" {
			return country.Unknown
		}
		c, err := country.Parse(v)
		if err != nil {
			w.add(orField(col, fi), v)
			return country.Unknown
		}
		return c
	}

	// date first: a row without a date is useless.
	v, col := b.get(fDate, rec)
	if v == "" {
		return &Problem{Column: b.columnName(fDate), Reason: "missing_date", Detail: "the date is required"}
	}
	d, err := parseDate(v, b.layouts[fDate])
	if err != nil {
		return &Problem{Column: orField(col, fDate), Value: v, Reason: "bad_date", Detail: err.Error()}
	}
	if d.Year() < 1950 || d.After(time.Now().AddDate(1, 0, 0)) {
		return &Problem{Column: orField(col, fDate), Value: v, Reason: "date_out_of_range", Detail: "outside 1950 to next year"}
	}
	s.Date = d

	if v, col := b.get(fDirection, rec); v != "" {
		dir, ok := trade.ParseDirection(v)
		if !ok {
			return &Problem{Column: orField(col, fDirection), Value: v, Reason: "bad_direction", Detail: "direction must be import or export"}
		}
		s.Direction = dir
	}
	if v, col := b.get(fHSCode, rec); v != "" {
		code, err := hs.Parse(v)
		if err != nil {
			return &Problem{Column: orField(col, fHSCode), Value: v, Reason: "bad_hs_code", Detail: err.Error()}
		}
		s.HS = code
		s.HS6 = code.HS6()
	}
	if v, col := b.get(fItemNo, rec); v != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || n < 0 {
			return &Problem{Column: orField(col, fItemNo), Value: v, Reason: "bad_number", Detail: "item number must be a whole number"}
		}
		s.ItemNo = n
	}
	for _, f := range []struct {
		fi  int
		dst *trade.Num
	}{{fQuantity, &s.Quantity}, {fGrossWeight, &s.GrossWeightKg}, {fNetWeight, &s.NetWeightKg}, {fValue, &s.Value}, {fValueUSD, &s.ValueUSD}} {
		if p := num(f.fi, f.dst); p != nil {
			return p
		}
	}

	s.RecordID = str(fRecordID)
	s.Reporter = ctry(fReporter)
	s.DeclarationNo = str(fDeclarationNo)
	s.Shipper = trade.Party{Name: str(fShipperName), NameEn: str(fShipperNameEn), Address: str(fShipperAddress),
		AddressEn: str(fShipperAddressEn), Country: ctry(fShipperCountry), ID: str(fShipperID)}
	s.Consignee = trade.Party{Name: str(fConsigneeName), NameEn: str(fConsigneeNameEn), Address: str(fConsigneeAddress),
		AddressEn: str(fConsigneeAddressEn), Country: ctry(fConsigneeCountry), ID: str(fConsigneeID)}
	s.Origin = ctry(fOrigin)
	s.Dispatch = ctry(fDispatch)
	s.Destination = ctry(fDestination)
	s.Trading = ctry(fTrading)
	s.Description = str(fDescription)
	s.DescriptionEn = str(fDescriptionEn)
	s.Brand = str(fBrand)
	s.Manufacturer = str(fManufacturer)
	s.Unit = strings.ToUpper(str(fUnit))
	s.Currency = strings.ToUpper(str(fCurrency))
	if s.Currency == "" {
		s.Currency = strings.ToUpper(b.spec[fValue].Currency)
	}
	s.Aggregated = b.p.Aggregated
	infer(s, b.fx)
	return nil
}

func orField(col string, fi int) string {
	if col == "" {
		return Fields[fi]
	}
	return col
}

// infer fills what the row implies but does not say (README, "Normalisation"): a party's country from the end
// of its address; the reporter's side of the border from the direction; dispatch of an import from the seller's
// country; a USD value from the local value and the dated rate table.
func infer(s *trade.Shipment, rates *fx.Table) {
	fromAddr := func(p *trade.Party) {
		if p.Country != country.Unknown {
			return
		}
		for _, a := range []string{p.Address, p.AddressEn} {
			if c, ok := country.FromAddress(a); ok {
				p.Country = c
				return
			}
		}
	}
	fromAddr(&s.Shipper)
	fromAddr(&s.Consignee)
	switch s.Direction {
	case trade.Import:
		if s.Consignee.Country == country.Unknown {
			s.Consignee.Country = s.Reporter
		}
		if s.Destination == country.Unknown {
			s.Destination = s.Reporter
		}
		if s.Dispatch == country.Unknown {
			s.Dispatch = s.Shipper.Country
		}
	case trade.Export:
		if s.Shipper.Country == country.Unknown {
			s.Shipper.Country = s.Reporter
		}
		if s.Dispatch == country.Unknown {
			s.Dispatch = s.Reporter
		}
		if s.Destination == country.Unknown {
			s.Destination = s.Consignee.Country
		}
		if s.Consignee.Country == country.Unknown {
			s.Consignee.Country = s.Destination
		}
	}
	if !s.ValueUSD.Valid && s.Value.Valid {
		switch s.Currency {
		case "USD":
			s.ValueUSD = s.Value
		case "":
		default:
			if v, ok := rates.ToUSD(s.Value.V, s.Currency, s.Date); ok {
				s.ValueUSD = trade.N(v)
			}
		}
	}
}

// warnings counts values that were kept as unknown rather than rejected (unrecognised country names).
type warnings struct {
	byColumn map[string]int64
	examples map[string]string
}

func (w *warnings) add(col, v string) {
	if w.byColumn == nil {
		w.byColumn, w.examples = map[string]int64{}, map[string]string{}
	}
	w.byColumn[col]++
	if _, ok := w.examples[col]; !ok {
		w.examples[col] = strings.Clone(v)
	}
}
