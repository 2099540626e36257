package goods

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// partRule recognises the part numbers of one product line by their prefix: STM32F405RGT6 is
// "stm32" followed by the rest of ST's ordering code.
type partRule struct {
	prefix  string
	concept int32
	digits  int  // at least this many digits right after the prefix
	gap     bool // a space may stand between the prefix and the digits ("ADSP-21489")
	min     int  // length of the whole part number, spaces left out
	max     int
}

// partTable holds the part-number rules, looked up by prefix.
type partTable struct {
	rules     map[string][]partRule
	first     [256]bool // bytes that start a prefix
	maxPrefix int
}

// parsePartTable reads data/partnumbers.tsv: tab-separated columns prefix, digits, gap, min, max, maker,
// class, hs, weight, line (the product line, for people). Every row becomes a concept of kind
// KindPartNumber in v.
func parsePartTable(r io.Reader, file string, v *vocabulary) (*partTable, error) {
	t := &partTable{rules: make(map[string][]partRule)}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || text[0] == '#' {
			continue
		}
		where := fmt.Sprintf("%s:%d", file, line)
		col := strings.Split(text, "\t")
		if len(col) != 10 {
			return nil, fmt.Errorf("%s: want 10 tab-separated columns, got %d", where, len(col))
		}
		p := partRule{prefix: Normalize(col[0])}
		if p.prefix == "" || strings.ContainsAny(p.prefix, " .") {
			return nil, fmt.Errorf("%s: bad prefix %q", where, col[0])
		}
		var err error
		if p.digits, err = strconv.Atoi(col[1]); err != nil || p.digits < 0 {
			return nil, fmt.Errorf("%s: bad digits %q", where, col[1])
		}
		switch col[2] {
		case "gap":
			p.gap = true
		case "-":
		default:
			return nil, fmt.Errorf("%s: gap column is \"gap\" or \"-\", got %q", where, col[2])
		}
		if p.min, err = strconv.Atoi(col[3]); err != nil || p.min < len(p.prefix) {
			return nil, fmt.Errorf("%s: bad min length %q", where, col[3])
		}
		if p.max, err = strconv.Atoi(col[4]); err != nil || p.max < p.min {
			return nil, fmt.Errorf("%s: bad max length %q", where, col[4])
		}
		ci := classIndex(Class(col[6]))
		if ci < 0 {
			return nil, fmt.Errorf("%s: unknown class %q", where, col[6])
		}
		if !validHS(col[7]) {
			return nil, fmt.Errorf("%s: bad hs %q", where, col[7])
		}
		w, err := strconv.ParseFloat(col[8], 64)
		if err != nil || w <= 0 || w > 1 {
			return nil, fmt.Errorf("%s: weight %q is not in (0,1]", where, col[8])
		}
		name := col[5] + " " + col[9]
		if _, dup := v.byName[name]; dup {
			name += " (" + col[0] + ")"
		}
		p.concept = int32(len(v.concepts))
		v.byName[name] = p.concept
		v.concepts = append(v.concepts, concept{name: name, kind: KindPartNumber, class: int8(ci),
			family: famOf[ci], weight: w, alone: 1, hs: col[7], maker: col[5], source: where})
		t.rules[p.prefix] = append(t.rules[p.prefix], p)
		t.first[p.prefix[0]] = true
		t.maxPrefix = max(t.maxPrefix, len(p.prefix))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return t, nil
}

// scan appends a hit for every part number in the normalised text. A part number is a run of ASCII letters
// and digits that starts with a known prefix and has the shape its rule asks for.
func (t *partTable) scan(text []byte, dst []hit) []hit {
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		j, digit := i, false
		for j < len(text) && isAlnum(text[j]) {
			digit = digit || isDigitByte(text[j])
			j++
		}
		start := i
		i = j
		if !t.first[text[start]] {
			continue
		}
		if !digit && (j-start > t.maxPrefix || !nextHasDigit(text, j)) {
			continue // a token without digits can only be a prefix followed by a space and the rest
		}
		if c, end, ok := t.match(text, start, j); ok {
			dst = append(dst, hit{concept: c, start: int32(start), end: int32(end), plen: int32(end - start)})
			i = max(i, end)
		}
	}
	return dst
}

// match tries the rules of every prefix of the token text[start:j], longest first, and returns the concept
// and the end of the part number.
func (t *partTable) match(text []byte, start, j int) (int32, int, bool) {
	var buf [48]byte
	tok := text[start:j]
	for l := min(len(tok), t.maxPrefix); l >= 2; l-- {
		for _, r := range t.rules[string(tok[:l])] {
			whole, end := tok, j
			if l == len(tok) && r.gap && j+1 < len(text) && text[j] == ' ' {
				k := j + 1
				for k < len(text) && isAlnum(text[k]) {
					k++
				}
				if k-start > len(buf) {
					continue
				}
				whole = append(append(buf[:0], tok...), text[j+1:k]...)
				end = k
			}
			if r.fits(whole) {
				return r.concept, end, true
			}
		}
	}
	return 0, 0, false
}

// nextHasDigit reports whether a space follows offset j and then a token of letters and digits with a digit.
func nextHasDigit(text []byte, j int) bool {
	if j >= len(text) || text[j] != ' ' {
		return false
	}
	for k := j + 1; k < len(text) && isAlnum(text[k]); k++ {
		if isDigitByte(text[k]) {
			return true
		}
	}
	return false
}

// fits reports whether a candidate part number (spaces left out) has the shape the rule asks for.
func (r *partRule) fits(p []byte) bool {
	if len(p) < r.min || len(p) > r.max {
		return false
	}
	n := 0
	for _, c := range p[len(r.prefix):] {
		if !isDigitByte(c) {
			break
		}
		n++
	}
	return n >= r.digits
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
