package misdeclared

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"tradetrace/internal/country"
)

//go:embed data/makers.csv data/distributors.csv data/kits.txt
var dataFS embed.FS

// maker is a Western maker of controlled electronics.
type maker struct {
	name    string
	country country.Code
	aliases []string // normalised: upper case, words separated by one space
}

// tables are the detector's reference tables (data/, provenance in data/SOURCES.md).
type tables struct {
	makers       []maker
	distributors [][]string // aliases of each distributor, normalised
	kits         []string   // kit phrases, normalised
}

var loadTables = sync.OnceValues(func() (*tables, error) {
	t := &tables{}
	rows, err := readCSV("data/makers.csv", "maker,country,aliases")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		m := maker{name: r[0], country: country.Code(r[1])}
		if !country.Known(m.country) {
			return nil, fmt.Errorf("misdeclared: makers.csv: %s: unknown country %q", r[0], r[1])
		}
		for _, a := range strings.Split(r[2], "|") {
			m.aliases = append(m.aliases, norm(a))
		}
		t.makers = append(t.makers, m)
	}
	rows, err = readCSV("data/distributors.csv", "distributor,aliases")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		var as []string
		for _, a := range strings.Split(r[1], "|") {
			as = append(as, norm(a))
		}
		t.distributors = append(t.distributors, as)
	}
	b, err := dataFS.ReadFile("data/kits.txt")
	if err != nil {
		return nil, fmt.Errorf("misdeclared: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			t.kits = append(t.kits, norm(l))
		}
	}
	return t, nil
})

// readCSV reads an embedded table after its comment lines, checks its header and returns the data rows.
func readCSV(name, header string) ([][]string, error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("misdeclared: %w", err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(lines, "\n"))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("misdeclared: %s: %w", name, err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != header {
		return nil, fmt.Errorf("misdeclared: %s: header is not %q", name, header)
	}
	return rows[1:], nil
}

// norm upper-cases s and keeps its letters and digits, words separated by one space, with a space at each
// end so that a phrase is found only as whole words: " TEXAS INSTRUMENTS ".
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' {
			b.WriteRune(unicode.ToUpper(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// containsAny reports whether the normalised text holds one of the normalised phrases.
func containsAny(text string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// makerOf returns the maker a brand or maker field names, or nil.
func (t *tables) makerOf(fields ...string) *maker {
	for _, f := range fields {
		if f == "" {
			continue
		}
		n := norm(f)
		for i := range t.makers {
			if containsAny(n, t.makers[i].aliases) {
				return &t.makers[i]
			}
		}
	}
	return nil
}

// makerNamed returns the maker with this name (as the part-number table writes it), or nil.
func (t *tables) makerNamed(name string) *maker {
	n := norm(name)
	for i := range t.makers {
		if norm(t.makers[i].name) == n || containsAny(n, t.makers[i].aliases) {
			return &t.makers[i]
		}
	}
	return nil
}

// distributor reports whether a seller name is one of an authorised distributor's.
func (t *tables) distributor(seller string) bool {
	n := norm(seller)
	for _, as := range t.distributors {
		if containsAny(n, as) {
			return true
		}
	}
	return false
}

// kit reports whether a text declares its goods unassembled.
func (t *tables) kit(texts ...string) bool {
	for _, s := range texts {
		if s != "" && containsAny(norm(s), t.kits) {
			return true
		}
	}
	return false
}
