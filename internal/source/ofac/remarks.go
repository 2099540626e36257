package ofac

import (
	"sort"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

// ID is an identifier written in an entry's remarks or id list, with the issuing country as OFAC writes it.
type ID struct {
	Scheme  string // see the scheme vocabulary in package lists: TAX, REGISTRATION, OKPO, USCC, IMO, LEI …
	Value   string
	Country string // "Russia", or "" when not given
}

// Remarks is what the remarks field of an entry says, item by item. OFAC writes structured data there in the
// legacy CSV: identifiers, the weak and former names that alt.csv leaves out, dates of birth or establishment,
// nationalities, links to other entries and the secondary-sanctions warnings.
type Remarks struct {
	IDs           []ID
	Names         []trade.ListName // a.k.a. (weak), f.k.a. (former), n.k.a. (alias)
	Dates         []string         // ISO 8601, as precise as published: 1997-06-30, 1997-06 or 1997
	Nationalities []string         // countries as written, from "nationality", "citizen", "Nationality of Registration"
	LinkedTo      []string         // names of the entries this one is linked to
	Secondary     []string         // "Secondary sanctions risk: …" and "Additional Sanctions Information - …"
	Other         []string         // every other item, verbatim
}

// idLabels maps the labels OFAC puts before an identifier to schemes; longest labels first so that a label is
// never taken for a shorter one it starts with ("Company Number IMO" before "Company Number").
var idLabels = sortedLabels(map[string]string{
	"Unified Social Credit Code (USCC)":           "USCC",
	"Vessel Registration Identification":          "IMO",
	"Vessel Registration Identification IMO":      "IMO",
	"Identification Number IMO":                   "IMO",
	"Company Number IMO":                          "IMO_COMPANY",
	"Tax ID No.":                                  "TAX",
	"Registration Number":                         "REGISTRATION",
	"Registration ID":                             "REGISTRATION",
	"Business Registration Number":                "REGISTRATION",
	"Business Registration Document #":            "REGISTRATION",
	"Commercial Registry Number":                  "REGISTRATION",
	"Company Number":                              "REGISTRATION",
	"C.R. No.":                                    "REGISTRATION",
	"Chamber of Commerce Number":                  "REGISTRATION",
	"Trade License No.":                           "REGISTRATION",
	"Central Registration System Number":          "REGISTRATION",
	"Economic Register Number (CBLS)":             "REGISTRATION",
	"Istanbul Chamber of Comm. No.":               "REGISTRATION",
	"Folio Mercantil No.":                         "REGISTRATION",
	"Matricula Mercantil No":                      "REGISTRATION",
	"Public Registration Number":                  "REGISTRATION",
	"Certificate of Incorporation Number":         "REGISTRATION",
	"Government Gazette Number":                   "OKPO",
	"Legal Entity Number":                         "LEI",
	"SWIFT/BIC":                                   "SWIFT",
	"MMSI":                                        "MMSI",
	"ISIN":                                        "ISIN",
	"Equity Ticker":                               "TICKER",
	"D-U-N-S Number":                              "DUNS",
	"BIK (RU)":                                    "BIK",
	"V.A.T. Number":                               "VAT",
	"Passport":                                    "PASSPORT",
	"National ID No.":                             "NATIONAL_ID",
	"Cedula No.":                                  "NATIONAL_ID",
	"D.N.I.":                                      "NATIONAL_ID",
	"Identification Number":                       "ID",
	"Aircraft Manufacturer's Serial Number (MSN)": "MSN",
	"Aircraft Tail Number":                        "TAIL_NUMBER",
	"Website":                                     "WEBSITE",
	"Email Address":                               "EMAIL",
	"Digital Currency Address -":                  "CRYPTO",
})

type label struct{ text, scheme string }

func sortedLabels(m map[string]string) []label {
	out := make([]label, 0, len(m))
	for t, s := range m {
		out = append(out, label{t, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].text) != len(out[j].text) {
			return len(out[i].text) > len(out[j].text)
		}
		return out[i].text < out[j].text
	})
	return out
}

// Scheme returns the identifier scheme for an id type as OFAC writes it ("Tax ID No.", "Passport"), or false.
func Scheme(idType string) (string, bool) {
	idType = strings.TrimSpace(idType)
	for _, l := range idLabels {
		if strings.EqualFold(l.text, idType) {
			return l.scheme, true
		}
	}
	return "", false
}

// ParseRemarks splits a remarks field into its items and sorts each into Remarks.
func ParseRemarks(s string) Remarks {
	var r Remarks
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	for _, item := range strings.Split(s, "; ") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		r.add(item)
	}
	return r
}

func (r *Remarks) add(item string) {
	body := strings.TrimPrefix(item, "alt. ")
	switch {
	case quoted(body, "a.k.a. "):
		r.Names = append(r.Names, trade.ListName{Value: unquote(body[len("a.k.a. "):]), Kind: trade.NameWeak})
	case quoted(body, "f.k.a. "):
		r.Names = append(r.Names, trade.ListName{Value: unquote(body[len("f.k.a. "):]), Kind: trade.NameFormer})
	case quoted(body, "n.k.a. "):
		r.Names = append(r.Names, trade.ListName{Value: unquote(body[len("n.k.a. "):]), Kind: trade.NameAlias})
	case strings.HasPrefix(body, "DOB "):
		r.Dates = append(r.Dates, Dates(body[len("DOB "):])...)
	case strings.HasPrefix(body, "Organization Established Date "):
		r.Dates = append(r.Dates, Dates(body[len("Organization Established Date "):])...)
	case strings.HasPrefix(body, "Listing Date "):
		if i := strings.LastIndex(body, ")"); i > 0 {
			r.Dates = append(r.Dates, Dates(strings.TrimPrefix(body[i+1:], ":"))...)
		}
	case strings.HasPrefix(body, "nationality "):
		r.Nationalities = append(r.Nationalities, body[len("nationality "):])
	case strings.HasPrefix(body, "citizen "):
		r.Nationalities = append(r.Nationalities, body[len("citizen "):])
	case strings.HasPrefix(body, "Nationality of Registration "):
		r.Nationalities = append(r.Nationalities, body[len("Nationality of Registration "):])
	case strings.HasPrefix(body, "Linked To: "):
		r.LinkedTo = append(r.LinkedTo, body[len("Linked To: "):])
	case strings.HasPrefix(body, "Secondary sanctions risk:"), strings.HasPrefix(body, "Additional Sanctions Information -"):
		r.Secondary = append(r.Secondary, body)
	default:
		if id, ok := parseID(body); ok {
			r.IDs = append(r.IDs, id)
			return
		}
		r.Other = append(r.Other, item)
	}
}

func quoted(s, prefix string) bool {
	return strings.HasPrefix(s, prefix) && strings.Count(s[len(prefix):], "'") >= 2
}

// unquote returns what lies between the first and the last single quote.
func unquote(s string) string {
	i, j := strings.Index(s, "'"), strings.LastIndex(s, "'")
	if i < 0 || j <= i {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(s[i+1 : j])
}

// parseID reads "LABEL VALUE (COUNTRY) issued DATE expires DATE".
func parseID(item string) (ID, bool) {
	for _, l := range idLabels {
		if !strings.HasPrefix(item, l.text+" ") {
			continue
		}
		rest := strings.TrimSpace(item[len(l.text):])
		for _, cut := range []string{" issued ", " expires "} {
			if i := strings.Index(rest, cut); i >= 0 {
				rest = rest[:i]
			}
		}
		var country string
		if strings.HasSuffix(rest, ")") {
			if i := strings.LastIndex(rest, " ("); i > 0 {
				country, rest = rest[i+2:len(rest)-1], rest[:i]
			}
		}
		value := NormalizeID(l.scheme, rest)
		if value == "" {
			return ID{}, false
		}
		return ID{Scheme: l.scheme, Value: value, Country: country}, true
	}
	return ID{}, false
}

// NormalizeID trims an identifier and drops what OFAC writes before the value of some schemes ("IMO 7406784").
func NormalizeID(scheme, v string) string {
	v = strings.TrimSpace(v)
	switch scheme {
	case "IMO", "IMO_COMPANY":
		v = strings.TrimSpace(strings.TrimPrefix(v, "IMO"))
	}
	return v
}

// Dates converts a date as OFAC writes it ("10 Dec 1948", "Dec 1948", "1948", "circa 1951", "1950 to 1952") to
// ISO 8601 at the published precision; a range gives both ends. It returns nil for what it cannot read.
func Dates(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	s = strings.TrimPrefix(s, "circa ")
	var out []string
	for _, part := range strings.Split(s, " to ") {
		if d := isoDate(strings.TrimSpace(part)); d != "" {
			out = append(out, d)
		}
	}
	return out
}

func isoDate(s string) string {
	for _, f := range []struct{ in, out string }{{"02 Jan 2006", "2006-01-02"}, {"2 Jan 2006", "2006-01-02"},
		{"Jan 2006", "2006-01"}, {"2006", "2006"}, {"01/02/2006", "2006-01-02"}} {
		if t, err := time.Parse(f.in, s); err == nil {
			return t.Format(f.out)
		}
	}
	return ""
}
