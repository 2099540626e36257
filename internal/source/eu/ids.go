package eu

import (
	"regexp"
	"strings"

	"tradetrace/internal/trade"
)

var (
	// labelledRe finds Russian codes written inside another column: "1207700324941, KPP 772901001",
	// "7702070139, KPP 997950001, OKPO 00032520", "OKPO: 07504034".
	labelledRe = regexp.MustCompile(`\b(KPP|OKPO|OGRN|INN)\b[:\s]*(\d{1,3}(?: \d{3})+\b|\d+)`)
	digitsRe   = regexp.MustCompile(`\d{1,3}(?: \d{3})+\b|\d+`)
	usccRe     = regexp.MustCompile(`^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$`)
	// regParenRe reads "VALUE (LABEL)"; regPrefixRe reads "LABEL VALUE" ("CR No. 1234567", "USCC no. 9131…").
	regParenRe  = regexp.MustCompile(`^(.+?)\s*\(([^()]+)\)$`)
	regPrefixRe = regexp.MustCompile(`(?i)^(cr\.? no\.?:?|cr number|uscc no\.?|uscc|inn|ogrn|tin)\s*(.+)$`)
)

// recordIDs reads every identifier column of a record. Russian numbers are named by the column when it says
// (innCode, ogrnCode …) and otherwise by their length when the entity is Russian.
func recordIDs(r Record, countries []string) []trade.Identifier {
	ru := false
	for _, c := range countries {
		ru = ru || c == "RU"
	}
	var ids idList
	for _, v := range splitIDs(r.RegistrationNumber) {
		scheme, value := RegistrationScheme(v)
		ids.add(scheme, value, ru)
	}
	for _, c := range []struct{ value, scheme string }{{r.INN, "INN"}, {r.OGRN, "OGRN"}, {r.KPP, "KPP"},
		{r.OKPO, "OKPO"}, {r.TaxNumber, "TAX"}} {
		ids.codes(c.value, c.scheme, ru)
	}
	for _, v := range split(r.LEI) {
		ids.add("LEI", v, ru)
	}
	for _, v := range split(r.SwiftBIC) {
		ids.add("SWIFT", v, ru)
	}
	for _, v := range split(r.IMO) {
		ids.add("IMO", strings.TrimSpace(strings.TrimPrefix(v, "IMO")), ru)
	}
	for _, v := range split(r.MMSI) {
		ids.add("MMSI", v, ru)
	}
	for _, v := range split(r.PassportNumber) {
		ids.add("PASSPORT", v, ru)
	}
	for _, v := range split(r.IDNumber) {
		ids.add("ID", v, ru)
	}
	for _, v := range splitIDs(r.Website) {
		if strings.Contains(v, ".") && !strings.Contains(v, " ") {
			ids.add("WEBSITE", v, ru)
		}
	}
	for _, v := range splitIDs(r.Email) {
		if strings.Contains(v, "@") {
			ids.add("EMAIL", v, ru)
		}
	}
	return ids.list
}

// splitIDs splits a field of several identifiers on semicolons and on commas that separate values.
func splitIDs(s string) []string {
	var out []string
	for _, p := range split(s) {
		for _, q := range strings.Split(p, ", ") {
			if q = strings.TrimSpace(strings.TrimSuffix(q, ",")); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// RegistrationScheme names one value of the registrationNumber column from its label ("7704730655 (Tax
// ID/INN)", "0123456789012 (OGRN)", "CR No. 1234567", "91440300MA5GN8XB2F (China, Unified Social Credit Code)")
// or, without one, from its form (an 18-character USCC); other values are REGISTRATION.
func RegistrationScheme(v string) (scheme, value string) {
	v = strings.TrimSpace(v)
	label := ""
	if m := regParenRe.FindStringSubmatch(v); m != nil {
		value, label = strings.TrimSpace(m[1]), m[2]
	} else if m := regPrefixRe.FindStringSubmatch(v); m != nil {
		label, value = m[1], strings.TrimSpace(m[2])
	} else {
		value = v
	}
	l := strings.ToUpper(label)
	switch {
	case strings.Contains(l, "INN"), strings.Contains(l, "TAX"), strings.Contains(l, "TIN"),
		strings.Contains(l, "TRN"), strings.Contains(l, "GSTIN"):
		return "TAX", value
	case strings.Contains(l, "OGRN"):
		return "OGRN", value
	case strings.Contains(l, "USCC"), strings.Contains(l, "UNIFIED SOCIAL CREDIT"), strings.Contains(l, "UNCC"):
		return "USCC", value
	case l == "ID":
		return "ID", value
	case label == "" && usccRe.MatchString(value):
		return "USCC", value
	}
	return "REGISTRATION", value
}

type idList struct {
	list []trade.Identifier
	seen map[trade.Identifier]bool
}

// add adds an identifier, naming a Russian tax or registration number by its length: INN has 10 or 12 digits,
// OGRN 13 or 15.
func (l *idList) add(scheme, value string, ru bool) {
	value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "."))
	if value == "" {
		return
	}
	if digits := strings.ReplaceAll(value, " ", ""); strings.Trim(digits, "0123456789") == "" {
		switch {
		case scheme == "INN", scheme == "OGRN", scheme == "KPP", scheme == "OKPO":
			value = digits
		case ru && scheme == "TAX" && (len(digits) == 10 || len(digits) == 12):
			scheme, value = "INN", digits
		case ru && scheme == "REGISTRATION" && (len(digits) == 13 || len(digits) == 15):
			scheme, value = "OGRN", digits
		}
	}
	x := trade.Identifier{Scheme: scheme, Value: value}
	if l.seen == nil {
		l.seen = make(map[trade.Identifier]bool)
	}
	if !l.seen[x] {
		l.seen[x] = true
		l.list = append(l.list, x)
	}
}

// codes reads a column of Russian codes that may carry other labelled codes and free text
// ("1207700324941, KPP 772901001", "1 121 402 000 213", "1027700067328 on 12.03.2002"). A tax number is an INN
// when the entity is Russian or the value says "(Russia)", and not when it names another country.
func (l *idList) codes(s, scheme string, ru bool) {
	if scheme == "TAX" && strings.Contains(s, "(") {
		ru = strings.Contains(s, "(Russia")
	}
	for _, m := range labelledRe.FindAllStringSubmatch(s, -1) {
		l.add(m[1], m[2], ru)
	}
	s = labelledRe.ReplaceAllString(s, " ")
	s = dmyRe.ReplaceAllString(s, " ")
	for _, d := range digitsRe.FindAllString(s, -1) {
		if len(strings.ReplaceAll(d, " ", "")) >= 5 {
			l.add(scheme, d, ru)
		}
	}
}
