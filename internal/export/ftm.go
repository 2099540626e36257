package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tradetrace/internal/trade"
)

// IDPrefix starts the id of every FollowTheMoney entity tradetrace writes, so that they do not collide with
// other datasets' ids when merged.
const IDPrefix = "tradetrace-"

// Entity is a FollowTheMoney entity (followthemoney.tech): an id, a schema of the FtM model and multi-valued
// properties. Written as JSON lines it loads into Aleph, yente and the ftm command-line tools.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// add appends the non-empty values not already held to a property.
func (e *Entity) add(prop string, vals ...string) {
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" || slices.Contains(e.Properties[prop], v) {
			continue
		}
		if e.Properties == nil {
			e.Properties = map[string][]string{}
		}
		e.Properties[prop] = append(e.Properties[prop], v)
	}
}

// Identifier is a party's tax or registration identifier with the scheme it belongs to when known.
type Identifier struct {
	Scheme string `json:"scheme,omitempty"` // INN, BIN, EDRPOU, USCC, …
	Value  string `json:"value"`
}

// Party is a resolved party as exports show it.
type Party struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	NameEn      string           `json:"name_en,omitempty"`
	Country     string           `json:"country,omitempty"`
	Variants    []string         `json:"variants,omitempty"` // every name it was seen under
	Identifiers []Identifier     `json:"identifiers,omitempty"`
	Addresses   []string         `json:"addresses,omitempty"`
	Roles       map[string]int64 `json:"roles,omitempty"` // role → lines
	Lines       int64            `json:"lines"`
	ValueUSD    float64          `json:"value_usd"`
	WeightKg    float64          `json:"weight_kg"`
	FirstSeen   string           `json:"first_seen,omitempty"` // YYYY-MM-DD
	LastSeen    string           `json:"last_seen,omitempty"`
	Risk        float64          `json:"risk"`
	Matches     []string         `json:"matches,omitempty"` // list matches, as "list: entry (score)"
}

// PartyEntityID is the FtM id of a resolved party.
func PartyEntityID(id int64) string { return IDPrefix + "party-" + strconv.FormatInt(id, 10) }

// NameEntityID is the FtM id of a party that is known only by the name, country and identifier on a
// shipment (not resolved into a party).
func NameEntityID(p trade.Party) string {
	return IDPrefix + "name-" + hashID(p.DisplayName(), string(p.Country), p.ID)
}

// ShipmentEntityID is the FtM id of a shipment: its store id, which is stable for a store.
func ShipmentEntityID(id trade.ShipmentID) string {
	return IDPrefix + "shipment-" + strconv.FormatInt(int64(id), 10)
}

// FindingEntityID is the FtM id of a finding: a hash of its detector and key, which survive re-runs.
func FindingEntityID(f *trade.Finding) string {
	return IDPrefix + "finding-" + hashID(f.Detector, f.Key)
}

func hashID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ftmCountry writes an ISO alpha-2 code as FtM does (lower case); anything else is dropped.
func ftmCountry(c string) string {
	if len(c) != 2 || !unicode.IsLetter(rune(c[0])) || !unicode.IsLetter(rune(c[1])) {
		return ""
	}
	return strings.ToLower(c)
}

// isINN reports whether an identifier is a Russian INN: said so, or ten or twelve digits on a Russian party.
func isINN(id Identifier, country string) bool {
	if strings.EqualFold(id.Scheme, "INN") {
		return true
	}
	if id.Scheme != "" || !strings.EqualFold(country, "RU") || (len(id.Value) != 10 && len(id.Value) != 12) {
		return false
	}
	return strings.IndexFunc(id.Value, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// round3 drops float artefacts from sums: 122110.00000000001 becomes 122110.
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// PartyEntity maps a resolved party to an FtM Company: its name, every variant as an alias, its country,
// addresses and identifiers (innCode for a Russian INN, registrationNumber otherwise), and its figures as
// notes.
func PartyEntity(p *Party) Entity {
	e := Entity{ID: PartyEntityID(p.ID), Schema: "Company"}
	e.add("name", p.Name)
	for _, v := range append([]string{p.NameEn}, p.Variants...) {
		if v != p.Name {
			e.add("alias", v)
		}
	}
	e.add("country", ftmCountry(p.Country))
	e.add("address", p.Addresses...)
	for _, id := range p.Identifiers {
		if isINN(id, p.Country) {
			e.add("innCode", id.Value)
		} else {
			e.add("registrationNumber", id.Value)
		}
	}
	if p.Lines > 0 {
		e.add("notes", fmt.Sprintf("tradetrace: %d declaration lines, %s USD, %s kg, %s to %s", p.Lines,
			formatFloat(round3(p.ValueUSD)), formatFloat(round3(p.WeightKg)), p.FirstSeen, p.LastSeen))
	}
	e.add("notes", p.Matches...)
	if p.Risk > 0 {
		e.add("summary", fmt.Sprintf("tradetrace risk %.2f", p.Risk))
	}
	return e
}

// NameEntity maps a party as it appears on a shipment, unresolved, to an FtM LegalEntity.
func NameEntity(p trade.Party) Entity {
	e := Entity{ID: NameEntityID(p), Schema: "LegalEntity"}
	e.add("name", p.DisplayName())
	if p.NameEn != p.DisplayName() {
		e.add("alias", p.NameEn)
	}
	e.add("country", ftmCountry(string(p.Country)))
	e.add("address", p.Address)
	if p.ID != "" {
		if isINN(Identifier{Value: p.ID}, string(p.Country)) {
			e.add("innCode", p.ID)
		} else {
			e.add("registrationNumber", p.ID)
		}
	}
	return e
}

// ShipmentEntity maps a shipment to an FtM Payment from the consignee (payer) to the shipper (beneficiary)
// for the goods: the model has no schema for a customs line, and a Payment carries its date, value, currency
// and purpose. The description, HS code, route and provenance go into the purpose, summary and notes; the
// source record id into recordId and the declaration number into transactionNumber. shipperID and
// consigneeID are the FtM ids of the parties (PartyEntityID or NameEntityID).
func ShipmentEntity(s *trade.Shipment, shipperID, consigneeID string) Entity {
	e := Entity{ID: ShipmentEntityID(s.ID), Schema: "Payment"}
	if !s.Date.IsZero() {
		e.add("date", s.Date.Format("2006-01-02"))
	}
	e.add("payer", consigneeID)
	e.add("beneficiary", shipperID)
	e.add("amount", s.Value.String())
	e.add("currency", s.Currency)
	e.add("amountUsd", s.ValueUSD.String())
	e.add("purpose", s.Description)
	if s.DescriptionEn != s.Description {
		e.add("purpose", s.DescriptionEn)
	}
	e.add("transactionNumber", s.DeclarationNo)
	e.add("recordId", s.RecordID)
	e.add("programme", "customs "+s.Direction.String())
	e.add("summary", fmt.Sprintf("HS %s; origin %s, dispatch %s, destination %s", s.HS, s.Origin, s.Dispatch, s.Destination))
	e.add("notes", fmt.Sprintf("source: %s row %d (ingest run %d)", s.Prov.File, s.Prov.Row, s.Prov.Run))
	if w := s.Weight(); w.Valid {
		e.add("notes", "weight "+w.String()+" kg")
	}
	if s.Quantity.Valid {
		e.add("notes", "quantity "+s.Quantity.String()+" "+s.Unit)
	}
	return e
}

// FindingEntity maps a finding to an FtM Note about the entities it concerns (parties and shipments, by
// their FtM ids): its title, explanation, score and severity, and every piece of evidence.
func FindingEntity(f *trade.Finding, about []string) Entity {
	e := Entity{ID: FindingEntityID(f), Schema: "Note"}
	e.add("name", f.Title)
	e.add("description", f.Explanation)
	e.add("summary", fmt.Sprintf("%s finding, score %.2f (%s), detector %s %s", f.Detector, f.Score, f.Severity, f.Detector, f.DetectorVersion))
	e.add("entity", about...)
	e.add("keywords", f.Detector, f.Severity.String())
	for _, ev := range f.Evidence {
		n := ev.Label + ": " + ev.Value
		if ev.RecordID != "" {
			n += " [record " + ev.RecordID + "]"
		}
		e.add("notes", n)
	}
	e.add("notes", "source records: "+strings.Join(f.Shipments, ", "))
	return e
}

// WriteEntities writes FtM entities as JSON lines, one entity per line.
func WriteEntities(w io.Writer, es []Entity) error {
	return WriteJSONLines(w, es)
}

// WriteJSONLines writes each value as one line of JSON. HTML-significant characters are escaped (\u003c …)
// so that the output is safe to show in a page too.
func WriteJSONLines[T any](w io.Writer, vs []T) error {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	for i := range vs {
		if err := enc.Encode(&vs[i]); err != nil {
			return fmt.Errorf("write json line %d: %w", i+1, err)
		}
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write json lines: %w", err)
	}
	return nil
}

// Finding is a finding as plain JSON exports show it: trade.Finding with its severity spelled out and its
// store ids.
type Finding struct {
	trade.Finding
	SeverityName string             `json:"severity"`
	ShipmentIDs  []trade.ShipmentID `json:"shipment_ids"`
}

// PlainFinding wraps a finding for a plain JSON export.
func PlainFinding(f trade.Finding) Finding {
	ids := f.ShipmentIDs
	if ids == nil {
		ids = []trade.ShipmentID{}
	}
	return Finding{Finding: f, SeverityName: f.Severity.String(), ShipmentIDs: ids}
}
