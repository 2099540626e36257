package goods

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"
	"unicode/utf8"
)

//go:embed data/*.txt data/partnumbers.tsv
var dataFS embed.FS

// Classifier holds a compiled vocabulary. It is safe for concurrent use.
type Classifier struct {
	concepts []concept
	phrases  []phrase
	pats     []patInfo // pattern i of the automaton
	ac       *automaton
	parts    *partTable
	pool     sync.Pool // *scratch
}

// patInfo is what the matcher needs to know of a pattern to check the word boundaries of an occurrence.
type patInfo struct {
	concept int32
	n       int32 // length in bytes
	lang    uint8
	first   uint8 // chDigit, chLetter, chCJK or chOther: the kind of the pattern's first rune
	last    uint8
	stem    bool
	phrase  int32 // the phrase this pattern is a word of, or -1
	part    uint8 // which word of the phrase
	nparts  uint8
}

// word is an occurrence of one word of a phrase: where it starts and where the text's word ends.
type word struct {
	phrase     int32
	part       uint8
	start, end int32
}

// scratch is the per-call working memory, pooled so that Classify allocates only its result.
type scratch struct {
	buf     []byte
	matches []match
	hits    []hit
	words   []word
}

// New compiles the vocabulary found in fsys: every *.txt file at its root, and partnumbers.tsv.
func New(fsys fs.FS) (*Classifier, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("list vocabulary: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("list vocabulary: no *.txt file")
	}
	slices.Sort(names)
	var v vocabulary
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open vocabulary: %w", err)
		}
		err = v.parse(f, path.Base(name))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("parse vocabulary: %w", err)
		}
	}
	f, err := fsys.Open("partnumbers.tsv")
	if err != nil {
		return nil, fmt.Errorf("open part numbers: %w", err)
	}
	defer f.Close()
	parts, err := parsePartTable(f, "partnumbers.tsv", &v)
	if err != nil {
		return nil, fmt.Errorf("parse part numbers: %w", err)
	}

	c := &Classifier{concepts: v.concepts, parts: parts, phrases: v.phrases}
	var pats [][]byte
	add := func(text string, pi patInfo) {
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		pi.n, pi.first, pi.last = int32(len(text)), runeKind(first), runeKind(last)
		pats = append(pats, []byte(text))
		c.pats = append(c.pats, pi)
	}
	for _, f := range v.forms {
		add(f.text, patInfo{concept: f.concept, lang: f.lang, stem: f.stem, phrase: -1})
	}
	for i, p := range v.phrases {
		for j, w := range p.words {
			add(w, patInfo{concept: p.concept, lang: p.lang, stem: p.stems[j], phrase: int32(i), part: uint8(j),
				nparts: uint8(len(p.words))})
		}
	}
	c.ac = buildAutomaton(pats)
	c.pool.New = func() any { return &scratch{buf: make([]byte, 0, 512)} }
	return c, nil
}

// Default returns the classifier built from the vocabulary embedded in the package. It is built once, on
// first use; the embedded vocabulary is checked by the package's tests, so a failure to build it is a
// programming error and panics.
var Default = sync.OnceValue(func() *Classifier {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err)
	}
	c, err := New(sub)
	if err != nil {
		panic(fmt.Sprintf("goods: embedded vocabulary: %v", err))
	}
	return c
})

// Classify reads a goods description with the default classifier.
func Classify(text string) Result { return Default().Classify(text) }

// ClassifyFields reads the description fields of a declaration with the default classifier.
func ClassifyFields(description, descriptionEn, brand, manufacturer string) Result {
	return Default().ClassifyFields(description, descriptionEn, brand, manufacturer)
}

// HasPartNumber reports, with the default classifier, whether the fields name a part number of its table.
func HasPartNumber(description, descriptionEn, brand, manufacturer string) bool {
	return Default().HasPartNumber(description, descriptionEn, brand, manufacturer)
}

// Classify reads a goods description in any of the supported languages.
func (c *Classifier) Classify(text string) Result {
	return c.ClassifyFields(text, "", "", "")
}

// ClassifyFields reads the description fields of a declaration together: the description in the original
// language, the vendor's English rendering, and the brand and manufacturer columns. Evidence found in
// several fields counts once.
func (c *Classifier) ClassifyFields(description, descriptionEn, brand, manufacturer string) Result {
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	bounds := sc.normalize([4]string{description, descriptionEn, brand, manufacturer})
	buf := sc.buf
	sc.matches = c.ac.scan(buf, sc.matches[:0])
	hits, words := sc.hits[:0], sc.words[:0]
	for _, m := range sc.matches {
		p := &c.pats[m.pat]
		start := m.end - p.n
		if !leftOK(buf, int(start), p) || !p.stem && !rightOK(buf, int(m.end), p) {
			continue
		}
		end := m.end
		if p.stem {
			end = int32(wordEnd(buf, int(end)))
		}
		if p.phrase >= 0 {
			words = append(words, word{phrase: p.phrase, part: p.part, start: start, end: end})
			continue
		}
		hits = append(hits, hit{concept: p.concept, start: start, end: end, plen: p.n, lang: p.lang})
	}
	sc.words = words
	hits = c.chain(buf, words, hits)
	hits = c.parts.scan(buf, hits)
	for i := range hits {
		for f := range bounds {
			if hits[i].start < bounds[f] {
				hits[i].field = uint8(f)
				break
			}
		}
	}
	sc.hits = hits
	return c.score(buf, hits)
}

// normalize writes the normalised fields into sc.buf, one line each, and returns where each ends.
func (sc *scratch) normalize(fields [4]string) (bounds [4]int32) {
	buf := sc.buf[:0]
	for i, s := range fields {
		if i > 0 {
			buf = append(buf, '\n')
		}
		buf = appendNormalized(buf, s)
		bounds[i] = int32(len(buf))
	}
	sc.buf = buf
	return bounds
}

// HasPartNumber reports whether the fields name a part number of the part-number table (partnumbers.tsv).
// Only then can ClassifyFields give evidence of KindPartNumber: the table is the only source of such
// evidence. It reads the text as ClassifyFields does, without the vocabulary or the scoring, for a fraction of
// the cost: a caller that needs a reading only for its part numbers asks this first.
func (c *Classifier) HasPartNumber(description, descriptionEn, brand, manufacturer string) bool {
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	sc.normalize([4]string{description, descriptionEn, brand, manufacturer})
	sc.hits = c.parts.scan(sc.buf, sc.hits[:0])
	return len(sc.hits) > 0
}

// chain appends a hit for every phrase whose words follow one another, one space apart.
func (c *Classifier) chain(text []byte, words []word, hits []hit) []hit {
	for _, w := range words {
		if w.part != 0 {
			continue
		}
		p := &c.phrases[w.phrase]
		cur, ok := w, true
		for k := 1; k < len(p.words) && ok; k++ {
			ok = false
			for _, n := range words {
				if n.phrase == w.phrase && int(n.part) == k && n.start == cur.end+1 && text[cur.end] == ' ' {
					cur, ok = n, true
					break
				}
			}
		}
		if ok {
			hits = append(hits, hit{concept: p.concept, start: w.start, end: cur.end, plen: cur.end - w.start,
				lang: p.lang})
		}
	}
	return hits
}

// wordEnd returns where the word that goes on at offset i ends: a stem matches the whole word.
func wordEnd(b []byte, i int) int {
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			if !isAlnum(b[i]) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if isCJK(r) {
			return i
		}
		i += n
	}
	return i
}

// runeKind returns the byte class (chDigit, chLetter, chCJK, chOther) of a rune of normalised text.
func runeKind(r rune) uint8 {
	switch {
	case r >= '0' && r <= '9':
		return chDigit
	case r >= 'a' && r <= 'z':
		return chLetter
	case r < utf8.RuneSelf:
		if r == ' ' || r == '\n' {
			return chSep
		}
		return chOther
	case isCJK(r):
		return chCJK
	}
	return chLetter
}

// kindBefore returns the class of the rune that ends just before offset i, chSep at the start.
func kindBefore(b []byte, i int) uint8 {
	if i <= 0 {
		return chSep
	}
	if b[i-1] < utf8.RuneSelf {
		return runeKind(rune(b[i-1]))
	}
	r, _ := utf8.DecodeLastRune(b[:i])
	return runeKind(r)
}

// kindAt returns the class of the rune that starts at offset i, chSep at the end.
func kindAt(b []byte, i int) uint8 {
	if i >= len(b) {
		return chSep
	}
	if b[i] < utf8.RuneSelf {
		return runeKind(rune(b[i]))
	}
	r, _ := utf8.DecodeRune(b[i:])
	return runeKind(r)
}

// leftOK reports whether an occurrence starting at s begins a word: a pattern that starts with a letter
// needs no letter before it, one that starts with a digit no number before it ("15.56" is not "5.56");
// Chinese needs no boundary.
func leftOK(b []byte, s int, p *patInfo) bool {
	switch p.first {
	case chLetter:
		return kindBefore(b, s) != chLetter
	case chDigit:
		if kindBefore(b, s) == chDigit {
			return false
		}
		return !(s >= 2 && (b[s-1] == '.' || b[s-1] == '/' || b[s-1] == 'x') && isDigitByte(b[s-2]))
	case chOther:
		return kindBefore(b, s) != chDigit
	}
	return true
}

// rightOK reports whether an occurrence ending at e ends a word: after a letter no letter may follow
// (a digit may: "mavic3"), after a digit no digit, and no size or decimal going on ("m16x80" is a bolt,
// not an M16).
func rightOK(b []byte, e int, p *patInfo) bool {
	switch p.last {
	case chLetter:
		return kindAt(b, e) != chLetter
	case chDigit:
		if kindAt(b, e) == chDigit {
			return false
		}
		return !(e+1 < len(b) && (b[e] == '.' || b[e] == '/' || b[e] == 'x') && isDigitByte(b[e+1]))
	}
	return true
}
