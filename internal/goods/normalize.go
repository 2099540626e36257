package goods

import (
	"unicode"
	"unicode/utf8"
)

// Normalize returns the form of s that the vocabulary is matched against: lower case; Turkish İ, I and ı
// all "i"; Latin diacritics removed (ş→s, ü→u, é→e, ß→ss); Cyrillic kept with ё→е; full-width forms made
// ASCII; Chinese kept as it is; punctuation and hyphens turned into single spaces. Numbers keep their
// shape: a decimal comma becomes a point ("5,56" → "5.56"), and x, X, Cyrillic х, × or * between two
// numbers becomes "x" with the spaces around it dropped ("7,62 Х 39" → "7.62x39"). In a token that mixes
// scripts, Cyrillic letters that look Latin are written in Latin when the token holds a digit and no
// Cyrillic-only letter ("АК47" → "ak47"), and otherwise toward the script of the token's majority.
//
// Vocabulary forms go through the same function, so both sides agree. Normalize is idempotent.
func Normalize(s string) string { return string(appendNormalized(nil, s)) }

// byte classes of the normalised text used by the boundary checks of the matcher.
const (
	chSep    = iota // space, start or end of text, field separator
	chOther         // '.', '/': kept punctuation inside numbers
	chDigit         // 0–9
	chLetter        // a letter of any script but Chinese
	chCJK           // a Chinese, Japanese or Korean character
)

// normState carries what appendNormalized needs to know about the current token.
type normState struct {
	base     int  // len(dst) when appendNormalized was called: nothing before it is touched
	tok      int  // offset in dst where the current token starts
	prevTok  int  // where the token before the last separator started
	digit    bool // the token has a digit
	latin    int  // Latin letters in the token
	cyr      int  // Cyrillic letters in the token
	cyrOnly  bool // the token has a Cyrillic letter with no Latin look-alike
	lookLat  bool // the token has a Latin letter with a Cyrillic look-alike
	lookCyr  bool // the token has a Cyrillic letter with a Latin look-alike
	lastSep  bool // the last byte written was a separator (or nothing was written)
	lastKind int  // chDigit, chLetter … of the last rune written
}

// appendNormalized appends the normalised form of s to dst.
func appendNormalized(dst []byte, s string) []byte {
	st := normState{base: len(dst), tok: len(dst), prevTok: len(dst), lastSep: true}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
				c |= 0x20
				if c == 'x' && st.afterNumber(dst) {
					if j, ok := digitAhead(s, i); ok {
						dst = st.times(dst)
						i = j
						continue
					}
				}
				dst = st.letter(dst, c)
			case c >= '0' && c <= '9':
				dst = st.put(dst, c, chDigit)
				st.digit = true
			case c == '.' || c == ',':
				if st.lastKind == chDigit && i < len(s) && isDigitByte(s[i]) {
					dst = st.put(dst, '.', chOther)
				} else if c == '.' && st.lastKind != chDigit && i < len(s) && isDigitByte(s[i]) {
					dst = st.put(dst, '.', chOther) // ".223", "cal.50"
				} else {
					dst = st.sep(dst)
				}
			case c == '/':
				if st.lastKind == chDigit && i < len(s) && isDigitByte(s[i]) {
					dst = st.put(dst, '/', chOther) // "12/70"
				} else {
					dst = st.sep(dst)
				}
			case c == '*':
				if _, ok := digitAhead(s, i); ok && st.afterNumber(dst) {
					dst = st.times(dst)
					i, _ = digitAhead(s, i)
				} else {
					dst = st.sep(dst)
				}
			case c == '\'' || c == '`':
				if st.lastKind != chLetter || !letterAhead(s, i) {
					dst = st.sep(dst)
				} // an apostrophe inside a word (Ukrainian м'ясо) joins it
			default:
				dst = st.sep(dst)
			}
		case r >= 0x400 && r <= 0x4FF:
			dst = st.cyrillic(dst, s, &i, r)
		case r == 0x130 || r == 0x131: // Turkish İ and ı
			dst = st.letter(dst, 'i')
		case r == 0xD7 || r == 0x2715 || r == 0x2716: // ×, ✕, ✖
			if j, ok := digitAhead(s, i); ok && st.afterNumber(dst) {
				dst = st.times(dst)
				i = j
			} else {
				dst = st.sep(dst)
			}
		case r == 0x2019 || r == 0x2BC || r == 0x2BB: // ’ ʼ ʻ inside a word
			if st.lastKind != chLetter || !letterAhead(s, i) {
				dst = st.sep(dst)
			}
		case r >= 0xC0 && r <= 0x24F:
			if f := foldLatin(r); f != "" {
				for k := 0; k < len(f); k++ {
					dst = st.letter(dst, f[k])
				}
			} else {
				dst = st.sep(dst)
			}
		case isCJK(r):
			dst = st.endToken(dst)
			dst = utf8.AppendRune(dst, r)
			st.lastSep, st.lastKind = false, chCJK
			st.tok = len(dst)
		case unicode.IsLetter(r):
			if l := unicode.ToLower(r); l >= 0xC0 && l <= 0x24F { // ẞ → ß → ss
				for _, c := range []byte(foldLatin(l)) {
					dst = st.letter(dst, c)
				}
			} else {
				st.open(dst, chLetter)
				dst = utf8.AppendRune(dst, l)
			}
		case unicode.IsDigit(r) || unicode.IsMark(r):
			// other scripts' digits and combining marks carry nothing the vocabulary uses
		default:
			dst = st.sep(dst)
		}
	}
	dst = st.endToken(dst)
	for len(dst) > st.base && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// cyrillic writes a Cyrillic letter in lower case, or an "x" when a Cyrillic х stands between two numbers.
func (st *normState) cyrillic(dst []byte, s string, i *int, r rune) []byte {
	switch {
	case r >= 0x410 && r <= 0x42F:
		r += 0x20
	case r >= 0x400 && r <= 0x40F:
		r += 0x50
	case r >= 0x460 && r <= 0x4FF && r&1 == 0:
		r++ // Ґ → ґ and the other paired letters of the extended block
	}
	if r == 0x451 { // ё
		r = 0x435
	}
	if r == 0x445 && st.afterNumber(dst) { // х between numbers: 7,62х39
		if j, ok := digitAhead(s, *i); ok {
			*i = j
			return st.times(dst)
		}
	}
	st.open(dst, chLetter)
	dst = utf8.AppendRune(dst, r)
	st.cyr++
	if _, ok := cyrToLatin(r); ok {
		st.lookCyr = true
	} else {
		st.cyrOnly = true
	}
	return dst
}

// letter writes an ASCII letter.
func (st *normState) letter(dst []byte, c byte) []byte {
	dst = st.put(dst, c, chLetter)
	st.latin++
	if _, ok := latinToCyr(c); ok {
		st.lookLat = true
	}
	return dst
}

// put writes one byte of kind k.
func (st *normState) put(dst []byte, c byte, k int) []byte {
	st.open(dst, k)
	return append(dst, c)
}

// open notes that a rune of kind k is about to be written, opening a token after a separator.
func (st *normState) open(dst []byte, k int) {
	if st.lastSep {
		st.tok = len(dst)
	}
	st.lastSep, st.lastKind = false, k
}

// afterNumber reports whether the text written so far ends with a digit, or a digit and one space.
func (st *normState) afterNumber(dst []byte) bool {
	n := len(dst)
	return st.lastKind == chDigit || n > st.base+1 && dst[n-1] == ' ' && isDigitByte(dst[n-2])
}

// times writes the "x" between two numbers, dropping a space written before it.
func (st *normState) times(dst []byte) []byte {
	if n := len(dst); n > 1 && dst[n-1] == ' ' && isDigitByte(dst[n-2]) {
		dst = dst[:n-1] // the token goes on: "5.56 x 45" is one token
		st.lastSep = false
		st.tok = st.prevTok
		st.rescan(dst)
	}
	st.lastKind = chDigit // the number after the x belongs to the same size
	return append(dst, 'x')
}

// rescan counts the scripts of the current token again, after a size joined two tokens.
func (st *normState) rescan(dst []byte) {
	st.digit, st.latin, st.cyr = false, 0, 0
	st.cyrOnly, st.lookLat, st.lookCyr = false, false, false
	for j := st.tok; j < len(dst); {
		r, n := utf8.DecodeRune(dst[j:])
		j += n
		switch {
		case r >= '0' && r <= '9':
			st.digit = true
		case r < utf8.RuneSelf:
			st.latin++
			if _, ok := latinToCyr(byte(r)); ok {
				st.lookLat = true
			}
		case r >= 0x400 && r <= 0x4FF:
			st.cyr++
			if _, ok := cyrToLatin(r); ok {
				st.lookCyr = true
			} else {
				st.cyrOnly = true
			}
		}
	}
}

// sep writes one space unless one was just written, and closes the current token.
func (st *normState) sep(dst []byte) []byte {
	if !st.lastSep {
		st.prevTok = st.tok
	}
	dst = st.endToken(dst)
	if !st.lastSep {
		dst = append(dst, ' ')
	}
	st.lastSep, st.lastKind = true, chSep
	st.tok = len(dst)
	return dst
}

// endToken rewrites the look-alike letters of a token that mixes scripts, then resets the token state.
func (st *normState) endToken(dst []byte) []byte {
	mixed := st.lookCyr && (st.latin > 0 || st.digit) || st.lookLat && st.cyr > 0
	if mixed && st.tok < len(dst) {
		toLatin := !st.cyrOnly && (st.digit || st.latin >= st.cyr)
		tok := dst[st.tok:]
		var buf [64]byte
		out := buf[:0]
		for j := 0; j < len(tok); {
			r, n := utf8.DecodeRune(tok[j:])
			j += n
			if toLatin {
				if c, ok := cyrToLatin(r); ok {
					out = append(out, c)
					continue
				}
			} else if r < utf8.RuneSelf && !(r == 'x' && j-n > 0 && isDigitByte(tok[j-n-1]) && j < len(tok) &&
				isDigitByte(tok[j])) { // the x of a size stays Latin
				if cr, ok := latinToCyr(byte(r)); ok {
					out = utf8.AppendRune(out, cr)
					continue
				}
			}
			out = utf8.AppendRune(out, r)
		}
		dst = append(dst[:st.tok], out...)
	}
	st.digit, st.latin, st.cyr = false, 0, 0
	st.cyrOnly, st.lookLat, st.lookCyr = false, false, false
	st.tok = len(dst)
	return dst
}

// digitAhead reports whether a digit follows position i of s after characters that will become spaces or
// vanish, and where it is: "7.62 X 39" and "0X!0" read as sizes, as their normalised forms do.
func digitAhead(s string, i int) (int, bool) {
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		switch {
		case r >= '0' && r <= '9':
			return i, true
		case r < utf8.RuneSelf && isAlnumFold(byte(r)),
			r == '.' && i+1 < len(s) && isDigitByte(s[i+1]), // ".5" keeps its point
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || isCJK(r)) && r != 0x2BC && r != 0x2BB:
			return i, false
		}
		i += n
	}
	return i, false
}

// letterAhead reports whether a letter of any script follows at position i of s.
func letterAhead(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isAlnumFold reports whether c is an ASCII letter of either case or a digit.
func isAlnumFold(c byte) bool { return c >= 'A' && c <= 'Z' || isAlnum(c) }
