package names

import "strings"

// rareWeight is the weight from which a token is rare enough to index a name by.
const rareWeight = 0.45

// Keys returns the blocking keys of a name: a candidate index maps each key to the names that have it, and a
// query is compared only with the candidates that share at least one key. Keys are derived from the rare
// tokens of the name (all its words when none is rare):
//
//	p:<phonetic key>          the token's phonetic key (one per reading)
//	t:<Latin form>            for words of three letters or fewer and Han or Hangul syllables, the reading
//	s:<consonant skeleton>    the skeleton, which survives vowel changes and vowelless scripts
//	f:<first four of key>     a prefix, which survives a typo at the end of a long word
//	a:<letters in order>      the word's letters sorted, which survives transposed letters
//	p:<key of two glued>      two neighbouring words glued, which finds SergeiLavrov and 近平 = Jinping
//
// Keys are plain strings; an index may drop keys shared by very many names.
func (n Name) Keys() []string {
	var keys []string
	add := func(k string) {
		if !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	content := func(t *token) bool {
		return t.role == RoleWord || t.role == RoleSymbol && len(n.tokens) == 1
	}
	anyRare := false
	for i := range n.tokens {
		if t := &n.tokens[i]; content(t) && t.weight >= rareWeight {
			anyRare = true
		}
	}
	for i := range n.tokens {
		t := &n.tokens[i]
		if !content(t) || (anyRare && t.weight < rareWeight) {
			continue
		}
		if len(t.latin) <= 3 || syllabic(t.script) {
			// short words and syllables: their exact readings (a phonetic key of two letters finds everything)
			for _, l := range t.latins {
				if l != "" {
					add("t:" + l)
				}
			}
			continue
		}
		for _, p := range t.phon {
			if len(p) < 3 {
				continue
			}
			add("p:" + p)
			if len(p) >= 6 {
				add("f:" + p[:4])
			}
		}
		for _, s := range t.skel {
			if len(s) >= 2 {
				add("s:" + s)
			}
		}
		if len(t.sorted) >= 5 {
			add("a:" + t.sorted)
		}
	}
	for i := 0; i+1 < len(n.tokens); i++ {
		x, y := &n.tokens[i], &n.tokens[i+1]
		if x.role == RoleNumber || y.role == RoleNumber || x.latin == "" || y.latin == "" {
			continue
		}
		for _, p := range phonetic(x.latin + y.latin) {
			add("p:" + p)
		}
	}
	if len(keys) == 0 && len(n.tokens) > 0 {
		add("p:" + strings.Join(tokenLatins(n.tokens), ""))
	}
	return keys
}

func tokenLatins(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.latin
	}
	return out
}

// FrequencyKeys returns the keys under which the frequency table counts the name's tokens: a symbol's
// groups ("@co"), otherwise the phonetic key. It serves the table's generator.
func (n Name) FrequencyKeys() []string {
	var keys []string
	for _, t := range n.tokens {
		if t.role == RoleSymbol {
			for _, g := range t.groups {
				if strings.HasPrefix(g, "@") && !contains(keys, g) {
					keys = append(keys, g)
				}
			}
			continue
		}
		if k := t.phon[0]; k != "" && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
