package trade

// NameKind says what a name of a listed entity is.
type NameKind uint8

// Kinds of names on lists.
const (
	NamePrimary NameKind = iota
	NameAlias
	NameWeak // a weak alias ("a.k.a." flagged weak by the publisher): evidence, not a match on its own
	NameFormer
)

// EntitySchema is what a listed entity is.
type EntitySchema string

// Schemas of listed entities (the FollowTheMoney names).
const (
	SchemaOrganization EntitySchema = "Organization"
	SchemaCompany      EntitySchema = "Company"
	SchemaPerson       EntitySchema = "Person"
	SchemaVessel       EntitySchema = "Vessel"
	SchemaAircraft     EntitySchema = "Airplane"
	SchemaLegalEntity  EntitySchema = "LegalEntity"
)

// Topic is knowledge a list carries about an entity, beyond the bare fact of listing (FollowTheMoney topics
// where one fits).
type Topic string

// Topics used by tradetrace.
const (
	TopicSanction        Topic = "sanction"
	TopicExportControl   Topic = "export.control"
	TopicMilitaryEndUser Topic = "mil.enduser" // BIS MIEU, EU Annex IV
	TopicStateDefence    Topic = "gov.defence" // state-owned defence company (DoD 1260H …)
	TopicMilitaryComplex Topic = "mil.complex" // supports Russia's military-industrial complex (EU Annex IV)
	TopicCounterSanction Topic = "sanction.counter"
)

// ListName is one name of a listed entity.
type ListName struct {
	Value string   `json:"value"`
	Kind  NameKind `json:"kind"`
	Lang  string   `json:"lang,omitempty"`
}

// Identifier is a registration or tax number of a listed entity or a party.
type Identifier struct {
	Scheme string `json:"scheme"` // INN, OGRN, KPP, USCC, IMO, registration …
	Value  string `json:"value"`
}

// ListEntity is one entry of a sanctions or export-control list, with everything the publication says of it.
type ListEntity struct {
	List        string       `json:"list"`      // e.g. "ofac_sdn", "eu_fsf"
	SourceID    string       `json:"source_id"` // the publisher's id for the entry
	Schema      EntitySchema `json:"schema"`
	Names       []ListName   `json:"names"`
	Programs    []string     `json:"programs,omitempty"`
	Topics      []Topic      `json:"topics,omitempty"`
	Countries   []string     `json:"countries,omitempty"` // ISO alpha-2
	Addresses   []string     `json:"addresses,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Dates       []string     `json:"dates,omitempty"` // listing dates and birth/incorporation dates as published
	Remarks     string       `json:"remarks,omitempty"`
	Source      string       `json:"source,omitempty"` // the raw source entry, verbatim or as JSON
}

// Caption is the entity's primary name.
func (e *ListEntity) Caption() string {
	for _, n := range e.Names {
		if n.Kind == NamePrimary {
			return n.Value
		}
	}
	if len(e.Names) > 0 {
		return e.Names[0].Value
	}
	return ""
}
