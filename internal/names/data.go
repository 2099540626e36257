package names

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// The reference data, embedded. Provenance is in data/SOURCES.md.
var (
	//go:embed data/org_types.yml
	orgTypesYAML []byte
	//go:embed data/symbols.yml
	symbolsYAML []byte
	//go:embed data/stopwords.yml
	stopwordsYAML []byte
	//go:embed data/pinyin.txt
	pinyinText string
	//go:embed data/idf.txt.gz
	idfGz []byte
)

// data holds the read-only tables built from the embedded files, once.
type data struct {
	legal       phrases[LegalForm]
	descriptors phrases[struct{}]
	orgSymbols  phrases[[]string]
	perSymbols  phrases[[]string]
	perPrefixes phrases[struct{}]
	nick        map[string][]string // Latin form → nickname groups
	nameParts   map[string][]string // Latin form → cross-script name-part groups
	pinyin      map[rune][]string
	freq        frequencies
}

// tables returns the tables, built on first use. A failure here is a broken embedded file, caught by tests.
var tables = sync.OnceValue(func() *data {
	d, err := load()
	if err != nil {
		panic(fmt.Sprintf("names: embedded data: %v", err))
	}
	return d
})

func load() (*data, error) {
	d := &data{pinyin: parsePinyin(pinyinText)}
	if err := d.loadLegalForms(orgTypesYAML); err != nil {
		return nil, err
	}
	if err := d.loadSymbols(symbolsYAML); err != nil {
		return nil, err
	}
	d.addZhSymbols()
	if err := d.loadPrefixes(stopwordsYAML); err != nil {
		return nil, err
	}
	f, err := parseFrequencies(idfGz)
	if err != nil {
		return nil, err
	}
	d.freq = f
	return d, nil
}

// phrases maps sequences of word texts to values, for longest-match lookup.
type phrases[V any] struct {
	m      map[string]V
	maxLen int
}

func (p *phrases[V]) add(words []string, v V, overwrite bool) {
	if len(words) == 0 {
		return
	}
	if p.m == nil {
		p.m = make(map[string]V)
	}
	k := strings.Join(words, " ")
	if _, ok := p.m[k]; ok && !overwrite {
		return
	}
	p.m[k] = v
	if len(words) > p.maxLen {
		p.maxLen = len(words)
	}
}

// longestAt returns the length of the longest phrase starting at words[i] and its value.
func (p *phrases[V]) longestAt(words []word, i int) (int, V) {
	var zero V
	for n := min(p.maxLen, len(words)-i); n >= 1; n-- {
		if v, ok := p.m[joinText(words[i:i+n])]; ok {
			return n, v
		}
	}
	return 0, zero
}

// longestEndingAt returns the length of the longest phrase ending at words[j-1] and its value.
func (p *phrases[V]) longestEndingAt(words []word, j int) (int, V) {
	var zero V
	for n := min(p.maxLen, j); n >= 1; n-- {
		if v, ok := p.m[joinText(words[j-n:j])]; ok {
			return n, v
		}
	}
	return 0, zero
}

func joinText(ws []word) string {
	if len(ws) == 1 {
		return ws[0].text
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// wordTexts tokenises a reference phrase the way names are tokenised.
func wordTexts(s string) []string {
	ws := tokenize(s)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

func (d *data) loadSymbols(b []byte) error {
	var doc struct {
		Org     map[string][]string `yaml:"org_symbols"`
		Domains map[string][]string `yaml:"org_domains"`
		Person  map[string][]string `yaml:"person_symbols"`
		Nick    map[string][]string `yaml:"person_nick"`
		Parts   map[string][]string `yaml:"person_name_parts"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("parse symbols.yml: %w", err)
	}
	addGroups := func(p *phrases[[]string], groups map[string][]string) {
		for id, aliases := range groups {
			for _, a := range append(aliases, id) {
				ws := wordTexts(a)
				k := strings.Join(ws, " ")
				cur := p.m[k]
				if !contains(cur, id) {
					p.add(ws, append(cur, id), true)
				}
			}
		}
	}
	addGroups(&d.orgSymbols, doc.Org)
	addGroups(&d.orgSymbols, doc.Domains)
	addGroups(&d.perSymbols, doc.Person)
	d.nick = latinGroups(doc.Nick)
	d.nameParts = latinGroups(doc.Parts)
	return nil
}

// latinGroups indexes single-word group members by their Latin form.
func latinGroups(groups map[string][]string) map[string][]string {
	out := make(map[string][]string)
	for id, members := range groups {
		for _, m := range append(members, id) {
			ws := tokenize(m)
			if len(ws) != 1 {
				continue
			}
			for _, l := range latinOf(ws[0]) {
				if !contains(out[l], id) {
					out[l] = append(out[l], id)
				}
			}
		}
	}
	return out
}

// latinOf transliterates a word without the pinyin table (group members are not Han).
func latinOf(w word) []string {
	var d data
	return d.transliterate(w)
}

func (d *data) loadPrefixes(b []byte) error {
	var doc struct {
		Person []string `yaml:"PERSON_NAME_PREFIXES"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("parse stopwords.yml: %w", err)
	}
	for _, p := range doc.Person {
		d.perPrefixes.add(wordTexts(p), struct{}{}, false)
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
