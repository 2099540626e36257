package decl

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"tradetrace/internal/country"
	"tradetrace/internal/names"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// Keyer gives the appearances of a party on declaration lines a key they share before party resolution has
// run. A party with an identifier is keyed by identifier and country; one without by country and the
// phonetic keys of the first two words of its name, legal forms set aside, so that "ООО «КОПТЕР ЛАЙН»",
// "OOO KOPTER LAYN" and "LLC KOPTER LAIN" meet. Learn teaches it that a name belongs to an identified party,
// so that later appearances of the name without the identifier take the identifier's key. It caches
// prepared names and is not safe for concurrent use.
type Keyer struct {
	names map[string]string // country|raw name → name key
	owner map[string]string // name key → identifier key
}

// NewKeyer returns a Keyer.
func NewKeyer() *Keyer { return &Keyer{names: map[string]string{}, owner: map[string]string{}} }

// NameKey returns the key of a name in a country: "n:<country>:<keys>"; "" for a name with no words.
func (k *Keyer) NameKey(name string, c country.Code) string {
	if name == "" {
		return ""
	}
	ck := nameCacheKey(name, c)
	if key, ok := k.names[ck]; ok {
		return key
	}
	key := nameKey(name, c)
	k.names[ck] = key
	return key
}

// nameCacheKey is the key of a name written in country c in the Keyer's cache of name keys.
func nameCacheKey(name string, c country.Code) string { return string(c) + "|" + name }

// KeyVersion names the way names are keyed (the words nameWords takes, and the name engine that reads them):
// keys kept in a KeyMemo hold under it.
var KeyVersion = "1 " + names.Version

// KeyMemo is a store that keeps the words of names' keys between runs, so that a run prepares only the names
// no earlier run did: preparing names is most of what keying costs, and the route detectors meet the same
// hundreds of thousands of names on every run.
type KeyMemo interface {
	// NameKeys calls fn with each name kept under version and the words of its key ("" for a name with none),
	// in no particular order.
	NameKeys(ctx context.Context, version string, fn func(name, words string) error) error
	// KeepNameKeys adds these names under version and drops those kept under any other version, in one step.
	KeepNameKeys(ctx context.Context, version string, add []NameWords) error
}

// NameWords is a name and the words of its key.
type NameWords struct{ Name, Words string }

// MemoOf returns the first of stores that is a KeyMemo, or nil when none keeps name keys.
func MemoOf(stores ...any) KeyMemo {
	for _, s := range stores {
		if m, ok := s.(KeyMemo); ok {
			return m
		}
	}
	return nil
}

// Warm makes the name keys of the parties' names and English names on every core, so that the calls that
// follow find them made: preparing names is most of a Keyer's work, and a detector meets hundreds of
// thousands of them. With a memo, the names an earlier run keyed are taken from it, and the others kept in it.
// It returns how many names it prepared. After an error the Keyer still gives the right keys: those Warm did
// not make are made one at a time.
func (k *Keyer) Warm(ctx context.Context, memo KeyMemo, ps []trade.Party) (int, error) {
	type todo struct {
		ck, name string
		c        country.Code
	}
	var ts []todo
	words := map[string]string{} // each name waiting for a key → the words of its key
	for i := range ps {
		for _, n := range []string{ps[i].Name, ps[i].NameEn} {
			if n == "" {
				continue
			}
			ck := nameCacheKey(n, ps[i].Country)
			if _, ok := k.names[ck]; !ok {
				k.names[ck] = "" // a placeholder, set below: each name once
				ts = append(ts, todo{ck, n, ps[i].Country})
				words[n] = ""
			}
		}
	}
	known := map[string]bool{}
	if memo != nil && len(ts) > 0 {
		if err := memo.NameKeys(ctx, KeyVersion, func(name, w string) error {
			if _, ok := words[name]; ok {
				words[name] = w
				known[name] = true
			}
			return nil
		}); err != nil {
			for _, t := range ts {
				delete(k.names, t.ck) // the placeholders: NameKey makes these keys one at a time
			}
			return 0, fmt.Errorf("name keys: %w", err)
		}
	}
	var add []NameWords
	for n := range words {
		if !known[n] {
			add = append(add, NameWords{Name: n})
		}
	}
	par.For(len(add), 0, func(i int) { add[i].Words = nameWords(add[i].Name) })
	for _, a := range add {
		words[a.Name] = a.Words
	}
	for _, t := range ts {
		k.names[t.ck] = keyOf(words[t.name], t.c)
	}
	if memo != nil && len(add) > 0 {
		if err := memo.KeepNameKeys(ctx, KeyVersion, add); err != nil {
			return len(add), fmt.Errorf("name keys: %w", err)
		}
	}
	return len(add), nil
}

// nameKey is NameKey without the cache.
func nameKey(name string, c country.Code) string { return keyOf(nameWords(name), c) }

// keyOf is the key of a name in country c whose key has these words.
func keyOf(words string, c country.Code) string {
	if words == "" {
		return ""
	}
	return "n:" + string(c) + ":" + words
}

// nameWords is what a name's key says of it, whatever its country: the phonetic keys of its first two words,
// legal forms set aside, space-separated; "" for a name with no words.
func nameWords(name string) string {
	toks := names.PrepareTokens(name, names.Options{Kind: names.KindOrganization})
	var words []string
	for _, t := range toks {
		if t.Role == names.RoleWord && t.Key != "" {
			words = append(words, t.Key)
		}
		if len(words) == 2 {
			break
		}
	}
	if len(words) == 0 {
		for _, t := range toks {
			if t.Key != "" && len(words) < 2 {
				words = append(words, t.Key)
			}
		}
	}
	return strings.Join(words, " ")
}

// IDKey returns the key of an identifier in a country: "i:<country>:<identifier>"; "" when there is none.
func IDKey(id string, c country.Code) string {
	id = normID(id)
	if id == "" {
		return ""
	}
	return "i:" + string(c) + ":" + id
}

func normID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	if b.Len() < 5 { // "0", "N/A", "-": placeholders, not identifiers
		return ""
	}
	return b.String()
}

// Learn records that a party's names belong to its identifier.
func (k *Keyer) Learn(p *trade.Party) {
	id := IDKey(p.ID, p.Country)
	if id == "" {
		return
	}
	for _, n := range []string{p.Name, p.NameEn} {
		if nk := k.NameKey(n, p.Country); nk != "" {
			if _, taken := k.owner[nk]; !taken {
				k.owner[nk] = id
			}
		}
	}
}

// Key returns the key of a party: its identifier's, else that of an identifier its name was learnt under,
// else its name's. It returns "" for a party with neither name nor identifier.
func (k *Keyer) Key(p *trade.Party) string {
	if id := IDKey(p.ID, p.Country); id != "" {
		return id
	}
	for _, n := range []string{p.Name, p.NameEn} {
		if nk := k.NameKey(n, p.Country); nk != "" {
			if id, ok := k.owner[nk]; ok {
				return id
			}
		}
	}
	if nk := k.NameKey(p.Name, p.Country); nk != "" {
		return nk
	}
	return k.NameKey(p.NameEn, p.Country)
}

// Keys returns every key a party can be found under: its identifier's and its names'.
func (k *Keyer) Keys(p *trade.Party) []string {
	out, _ := k.keys(p, false)
	return out
}

// KeysEach returns Keys of each party, made on every core: the Keyer's caches are read, not written, so that
// parties whose names it has keyed (Warm, NameKey) need no lock; the others are keyed after, in turn.
func (k *Keyer) KeysEach(ps []*trade.Party) [][]string {
	out := make([][]string, len(ps))
	known := make([]bool, len(ps))
	par.For(len(ps), 0, func(i int) { out[i], known[i] = k.keys(ps[i], true) })
	for i, p := range ps {
		if !known[i] {
			out[i] = k.Keys(p)
		}
	}
	return out
}

// keys is Keys; cached reads the names' keys from the cache alone and reports false for a name not in it.
func (k *Keyer) keys(p *trade.Party, cached bool) ([]string, bool) {
	var out []string
	add := func(s string) {
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	add(IDKey(p.ID, p.Country))
	for _, n := range []string{p.Name, p.NameEn} {
		var nk string
		switch {
		case !cached:
			nk = k.NameKey(n, p.Country)
		case n != "":
			var ok bool
			if nk, ok = k.names[nameCacheKey(n, p.Country)]; !ok {
				return nil, false
			}
		}
		add(nk)
		if id, ok := k.owner[nk]; ok {
			add(id)
		}
	}
	return out, true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Display is the name to show for a party: the name as written, with the English rendering beside it when
// there is a different one.
func Display(p trade.Party) string {
	n := p.DisplayName()
	if p.NameEn != "" && p.Name != "" && p.NameEn != p.Name {
		n += " (" + p.NameEn + ")"
	}
	if n == "" {
		return "unknown"
	}
	return n
}
