package ingest

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Fields are the target fields a profile can fill: the canonical layout of PRODUCT.md plus the vendor
// extras (English renderings, item number, trading country).
var Fields = []string{
	"record_id", "date", "direction", "reporter", "declaration_no", "item_no",
	"shipper_name", "shipper_name_en", "shipper_address", "shipper_address_en", "shipper_country", "shipper_id",
	"consignee_name", "consignee_name_en", "consignee_address", "consignee_address_en", "consignee_country", "consignee_id",
	"origin_country", "dispatch_country", "destination_country", "trading_country",
	"hs_code", "description", "description_en", "brand", "manufacturer",
	"quantity", "unit", "gross_weight_kg", "net_weight_kg", "value", "currency", "value_usd",
}

// Profile describes one source layout: which source column fills which field, and how values are written.
// Built-in profiles and user mapping files share this format (see README, "Mapping files").
type Profile struct {
	Name        string               `yaml:"name"`
	Description string               `yaml:"description"`
	Detect      []string             `yaml:"detect"`       // columns that must all be present for auto-detection
	Aggregated  bool                 `yaml:"aggregated"`   // rows are monthly aggregates, not declaration lines
	Null        []string             `yaml:"null_values"`  // extra tokens meaning "missing" (NULL and "" always do)
	Decimal     string               `yaml:"decimal"`      // "auto" (default), "point" or "comma"
	DateFormats []string             `yaml:"date_formats"` // e.g. "DD.MM.YYYY"; tried before the defaults
	Constants   map[string]string    `yaml:"constants"`    // field → value used when the mapped column is empty
	Map         map[string]FieldSpec `yaml:"fields"`
}

// FieldSpec says where one field comes from. In YAML it is a column name, a list of columns (the first
// non-empty wins), or a mapping with options.
type FieldSpec struct {
	Columns  []string `yaml:"columns"`
	Scale    float64  `yaml:"scale"`    // multiply numbers by this (e.g. 1000 for tonnes → kg)
	Currency string   `yaml:"currency"` // the currency of a value column
	Format   string   `yaml:"format"`   // a date format for this column only
	Decimal  string   `yaml:"decimal"`  // overrides the profile's decimal separator for this column
}

// UnmarshalYAML accepts the three spellings of a field spec.
func (f *FieldSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		f.Columns = []string{n.Value}
		return nil
	case yaml.SequenceNode:
		return n.Decode(&f.Columns)
	case yaml.MappingNode:
		type options FieldSpec // the same fields without this method, so decoding does not recurse
		type plain struct {
			options `yaml:",inline"`
			Column  string `yaml:"column"`
		}
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*f = FieldSpec(p.options)
		if p.Column != "" {
			f.Columns = append([]string{p.Column}, f.Columns...)
		}
		return nil
	}
	return fmt.Errorf("line %d: a field is a column name, a list of columns or a mapping", n.Line)
}

//go:embed profiles/*.yml
var builtinFS embed.FS

// Builtins returns the built-in profiles, sorted by name.
func Builtins() []*Profile {
	entries, err := fs.ReadDir(builtinFS, "profiles")
	if err != nil {
		panic(err) // the embedded directory exists by construction
	}
	var ps []*Profile
	for _, e := range entries {
		b, err := builtinFS.ReadFile("profiles/" + e.Name())
		if err != nil {
			panic(err)
		}
		p, err := ParseProfile(b, e.Name())
		if err != nil {
			panic(fmt.Sprintf("built-in profile %s: %v", e.Name(), err))
		}
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}

// Builtin returns the built-in profile with the given name.
func Builtin(name string) (*Profile, error) {
	for _, p := range Builtins() {
		if p.Name == name {
			return p, nil
		}
	}
	var names []string
	for _, p := range Builtins() {
		names = append(names, p.Name)
	}
	return nil, fmt.Errorf("no profile %q (built-in profiles: %s)", name, strings.Join(names, ", "))
}

// LoadMapping reads a user's mapping file.
func LoadMapping(path string) (*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read mapping: %w", err)
	}
	return ParseProfile(b, path)
}

var knownField = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range Fields {
		m[f] = true
	}
	return m
}()

// ParseProfile reads a profile or mapping file and checks it: unknown keys and unknown fields are errors, so a
// typo in a mapping file is reported rather than silently ignored.
func ParseProfile(b []byte, name string) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("mapping %s: %w", name, err)
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(name, ".yml")
	}
	if len(p.Map) == 0 {
		return nil, fmt.Errorf("mapping %s: no fields", name)
	}
	for f, spec := range p.Map {
		if !knownField[f] {
			return nil, fmt.Errorf("mapping %s: unknown field %q (fields: %s)", name, f, strings.Join(Fields, ", "))
		}
		if len(spec.Columns) == 0 {
			return nil, fmt.Errorf("mapping %s: field %s names no column", name, f)
		}
		if err := checkDecimal(spec.Decimal); err != nil {
			return nil, fmt.Errorf("mapping %s: field %s: %w", name, f, err)
		}
		if spec.Format != "" {
			if _, err := dateLayout(spec.Format); err != nil {
				return nil, fmt.Errorf("mapping %s: field %s: %w", name, f, err)
			}
		}
	}
	for f := range p.Constants {
		if !knownField[f] {
			return nil, fmt.Errorf("mapping %s: unknown constant field %q", name, f)
		}
	}
	if err := checkDecimal(p.Decimal); err != nil {
		return nil, fmt.Errorf("mapping %s: %w", name, err)
	}
	for _, df := range p.DateFormats {
		if _, err := dateLayout(df); err != nil {
			return nil, fmt.Errorf("mapping %s: %w", name, err)
		}
	}
	if _, ok := p.Map["date"]; !ok {
		return nil, fmt.Errorf("mapping %s: the date field is required", name)
	}
	return &p, nil
}

func checkDecimal(s string) error {
	switch s {
	case "", "auto", "point", "comma":
		return nil
	}
	return fmt.Errorf("decimal must be auto, point or comma, not %q", s)
}

// columns lists every source column the profile reads.
func (p *Profile) columns() []string {
	var cols []string
	for _, spec := range p.Map {
		cols = append(cols, spec.Columns...)
	}
	return cols
}

// Match scores how well a header fits the profile: 0 when a detect column is missing, else the share of the
// profile's columns present in the header.
func (p *Profile) Match(header []string) float64 {
	have := map[string]bool{}
	for _, h := range header {
		have[normHeader(h)] = true
	}
	for _, d := range p.Detect {
		if !have[normHeader(d)] {
			return 0
		}
	}
	cols := p.columns()
	n := 0
	for _, c := range cols {
		if have[normHeader(c)] {
			n++
		}
	}
	if len(cols) == 0 {
		return 0
	}
	return float64(n) / float64(len(cols))
}

// Detect chooses the built-in profile that fits the header best.
func Detect(header []string) (*Profile, error) {
	var best *Profile
	bestScore := 0.0
	for _, p := range Builtins() {
		if s := p.Match(header); s > bestScore {
			best, bestScore = p, s
		}
	}
	if best == nil || bestScore < 0.5 {
		return nil, fmt.Errorf("no built-in profile fits the header (%s …); name one with --profile or describe the layout in a mapping file (--mapping)", strings.Join(firstN(header, 6), ", "))
	}
	return best, nil
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// normHeader compares header names without case, surrounding space or a BOM.
func normHeader(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
}
