package country

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

//go:embed data/country-codes.csv data/aliases.csv data/names.csv data/countries_high_risk_transshipment.csv
var dataFS embed.FS

// flags say which kinds of text a key was written as. FromAddress trusts names but not bare codes, which
// collide with words and US state abbreviations in free text.
type flags uint8

const (
	isAlpha2 flags = 1 << iota
	isAlpha3
	isNumeric
	isName
)

// prio ranks the sources of keys: when two countries claim one key, the higher source wins; between two
// names of the same rank the key is ambiguous and dropped ("KOREA" from both Koreas' UN names), unless the
// hand-written alias table settles it.
type prio uint8

const (
	prioDerived prio = iota + 1 // a UN name with its parenthesis dropped or its comma inverted
	prioName                    // a name as the UN and ISO files write it
	prioAlias                   // the hand-written alias table
	prioCode                    // ISO alpha-2, alpha-3, numeric
)

type entry struct {
	code  Code // Unknown for a suppression token
	prio  prio
	flags flags
}

type country struct {
	alpha2, alpha3, numeric, name string
}

// table is everything Parse and friends look up. It is built once from the embedded files and never
// changed afterwards.
type table struct {
	keys      map[string]entry
	two       [26 * 26]entry // the two-letter keys, for the allocation-free path of Parse
	byCode    [26 * 26]int16 // index+1 into countries, by alpha-2
	countries []country
	// conflicts lists the keys that two countries claimed, for tests and for whoever extends the alias
	// table: "KEY: kept → dropped" or "KEY: ambiguous".
	conflicts []string
}

var tables = sync.OnceValue(func() *table {
	t, err := build()
	if err != nil {
		panic(fmt.Sprintf("country: embedded data: %v", err))
	}
	return t
})

// twoIndex returns the slot of a two-letter ASCII code in either case.
func twoIndex(a, b byte) (int, bool) {
	a |= 0x20 // lower case; non-letters fail the range test below
	b |= 0x20
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return 0, false
	}
	return int(a-'a')*26 + int(b-'a'), true
}

func (t *table) lookupCountry(c Code) *country {
	if len(c) != 2 {
		return nil
	}
	i, ok := twoIndex(c[0], c[1])
	if !ok || c[0] > 'Z' || c[1] > 'Z' || t.byCode[i] == 0 {
		return nil
	}
	return &t.countries[t.byCode[i]-1]
}

type builder struct {
	t       *table
	blocked map[string]prio // keys found ambiguous at a rank: only a higher rank may set them
}

func (b *builder) add(name string, code Code, p prio, f flags) error {
	k := string(appendKey(nil, name))
	if k == "" && code != Unknown {
		return nil // a name of only punctuation says nothing
	}
	if bp, ok := b.blocked[k]; ok && p <= bp {
		return nil
	}
	old, ok := b.t.keys[k]
	switch {
	case !ok:
		b.t.keys[k] = entry{code: code, prio: p, flags: f}
	case old.code == code:
		old.prio = max(old.prio, p)
		old.flags |= f
		b.t.keys[k] = old
	case p >= prioAlias && old.prio >= prioAlias:
		return fmt.Errorf("key %q (from %q) claimed by %q and %q", k, name, old.code, code)
	case p > old.prio:
		b.t.keys[k] = entry{code: code, prio: p, flags: f}
		b.t.conflicts = append(b.t.conflicts, fmt.Sprintf("%s: %s over %s", k, code, old.code))
	case p < old.prio:
		b.t.conflicts = append(b.t.conflicts, fmt.Sprintf("%s: %s over %s", k, old.code, code))
	default:
		delete(b.t.keys, k)
		b.blocked[k] = p
		b.t.conflicts = append(b.t.conflicts, fmt.Sprintf("%s: ambiguous (%s, %s)", k, old.code, code))
	}
	return nil
}

// nameColumns are the columns of country-codes.csv that hold names.
var nameColumns = []string{
	"CLDR display name", "official_name_en", "UNTERM English Short", "UNTERM English Formal",
	"ISO4217-currency_country_name",
	"official_name_ru", "UNTERM Russian Short", "UNTERM Russian Formal",
	"official_name_cn", "UNTERM Chinese Short", "UNTERM Chinese Formal",
	"official_name_fr", "UNTERM French Short", "UNTERM French Formal",
	"official_name_es", "UNTERM Spanish Short", "UNTERM Spanish Formal",
	"official_name_ar", "UNTERM Arabic Short", "UNTERM Arabic Formal",
}

func build() (*table, error) {
	t := &table{keys: make(map[string]entry, 8192)}
	b := &builder{t: t, blocked: map[string]prio{}}

	rows, err := readCSV("data/country-codes.csv", false)
	if err != nil {
		return nil, err
	}
	col, err := columns(rows[0], append([]string{"ISO3166-1-Alpha-2", "ISO3166-1-Alpha-3",
		"ISO3166-1-numeric"}, nameColumns...))
	if err != nil {
		return nil, fmt.Errorf("country-codes.csv: %w", err)
	}
	var derived []func() error
	for _, r := range rows[1:] {
		a2 := r[col["ISO3166-1-Alpha-2"]]
		c := country{alpha2: a2, alpha3: r[col["ISO3166-1-Alpha-3"]],
			numeric: strings.TrimLeft(r[col["ISO3166-1-numeric"]], "0"), name: r[col["CLDR display name"]]}
		if c.name == "" {
			c.name = r[col["official_name_en"]]
		}
		if err := t.addCountry(c); err != nil {
			return nil, err
		}
		if err := b.addCodes(c); err != nil {
			return nil, err
		}
		for _, nc := range nameColumns {
			v := r[col[nc]]
			if v == "" {
				continue
			}
			if err := b.add(v, Code(a2), prioName, isName); err != nil {
				return nil, err
			}
			for _, d := range variants(v) {
				derived = append(derived, func() error { return b.add(d, Code(a2), prioDerived, isName) })
			}
		}
	}
	for _, f := range derived {
		if err := f(); err != nil {
			return nil, err
		}
	}

	if err := b.addNames(); err != nil {
		return nil, err
	}
	if err := b.addAliases(); err != nil {
		return nil, err
	}
	for k, e := range t.keys {
		if len(k) == 2 {
			if i, ok := twoIndex(k[0], k[1]); ok && k[0] <= 'Z' && k[1] <= 'Z' {
				t.two[i] = e
			}
		}
	}
	slices.Sort(t.conflicts)
	return t, nil
}

func (t *table) addCountry(c country) error {
	if len(c.alpha2) != 2 || strings.ToUpper(c.alpha2) != c.alpha2 {
		return fmt.Errorf("bad alpha-2 code %q", c.alpha2)
	}
	i, ok := twoIndex(c.alpha2[0], c.alpha2[1])
	if !ok {
		return fmt.Errorf("bad alpha-2 code %q", c.alpha2)
	}
	if t.byCode[i] != 0 {
		return fmt.Errorf("duplicate alpha-2 code %q", c.alpha2)
	}
	t.countries = append(t.countries, c)
	t.byCode[i] = int16(len(t.countries))
	return nil
}

func (b *builder) addCodes(c country) error {
	code := Code(c.alpha2)
	if err := b.add(c.alpha2, code, prioCode, isAlpha2); err != nil {
		return err
	}
	if c.alpha3 != "" {
		if err := b.add(c.alpha3, code, prioCode, isAlpha3); err != nil {
			return err
		}
	}
	if c.numeric != "" {
		if err := b.add(c.numeric, code, prioCode, isNumeric); err != nil {
			return err
		}
	}
	return nil
}

// addNames reads names.csv: display names that replace clipped CLDR names, and the codes outside ISO.
func (b *builder) addNames() error {
	rows, err := readCSV("data/names.csv", false)
	if err != nil {
		return err
	}
	for _, r := range rows[1:] {
		code, alpha3, name := r[0], r[1], r[2]
		c := b.t.lookupCountry(Code(code))
		if c == nil {
			if err := b.t.addCountry(country{alpha2: code, alpha3: alpha3, name: name}); err != nil {
				return fmt.Errorf("names.csv: %w", err)
			}
			c = b.t.lookupCountry(Code(code))
			if err := b.addCodes(*c); err != nil {
				return err
			}
		}
		c.name = name
		if err := b.add(name, Code(code), prioName, isName); err != nil {
			return err
		}
	}
	return nil
}

// addAliases reads aliases.csv, where the code "-" marks a suppression token.
func (b *builder) addAliases() error {
	rows, err := readCSV("data/aliases.csv", false)
	if err != nil {
		return err
	}
	if !slices.Equal(rows[0], []string{"code", "lang", "name"}) {
		return fmt.Errorf("aliases.csv: header %q", rows[0])
	}
	for i, r := range rows[1:] {
		code := Code(r[0])
		if code == "-" {
			code = Unknown
		} else if b.t.lookupCountry(code) == nil {
			return fmt.Errorf("aliases.csv row %d: unknown code %q", i+2, code)
		}
		if strings.TrimSpace(r[2]) == "" {
			return fmt.Errorf("aliases.csv row %d: empty name", i+2)
		}
		if err := b.add(r[2], code, prioAlias, isName); err != nil {
			return fmt.Errorf("aliases.csv row %d: %w", i+2, err)
		}
	}
	return nil
}

// variants returns the forms of a UN name that customs data also writes: without its parenthesis
// ("Bolivia (Plurinational State of)" → "Bolivia"), with the parenthesis in front ("Plurinational State
// of Bolivia"), and a comma form inverted ("Korea, Republic of" → "Republic of Korea").
func variants(v string) []string {
	var out []string
	if i := strings.IndexByte(v, '('); i > 0 {
		if j := strings.IndexByte(v[i:], ')'); j > 0 {
			outer := strings.TrimSpace(v[:i] + " " + v[i+j+1:])
			inner := strings.TrimSpace(v[i+1 : i+j])
			out = append(out, outer, inner+" "+outer)
		}
	}
	if i := strings.Index(v, ", "); i > 0 && !strings.Contains(v, "(") {
		out = append(out, v[i+2:]+" "+v[:i])
	}
	return out
}

// readCSV reads a whole embedded CSV file; lines starting with # are comments. lazy accepts quotes inside
// unquoted fields, which the hubs file has (`China "number one concern"`).
func readCSV(name string, lazy bool) ([][]string, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.LazyQuotes = lazy
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		rows = append(rows, rec)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("read %s: no data rows", name)
	}
	rows[0][0] = strings.TrimPrefix(rows[0][0], "\uFEFF")
	return rows, nil
}

func columns(header, want []string) (map[string]int, error) {
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[h] = i
	}
	for _, w := range want {
		if _, ok := col[w]; !ok {
			return nil, fmt.Errorf("no column %q", w)
		}
	}
	return col, nil
}
