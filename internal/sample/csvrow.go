package sample

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
)

// row builds one CSV record in a reusable buffer: fields are appended in layout order, quoted only when
// they must be (RFC 4180), numbers formatted with strconv so that the hot path never calls fmt.
type row struct {
	b []byte
	n int // fields written
}

func (r *row) reset() { r.b, r.n = r.b[:0], 0 }

func (r *row) sep() {
	if r.n > 0 {
		r.b = append(r.b, ',')
	}
	r.n++
}

// needsQuote reports whether a field holds a comma, a quote or a line break. It reads eight bytes at a
// time (a SWAR test for each of the four bytes), since descriptions and addresses are long and every
// field of every row passes here.
func needsQuote(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	if len(s) >= 8 {
		p := unsafe.Slice(unsafe.StringData(s), len(s))
		for ; i+8 <= len(s); i += 8 {
			x := binary.LittleEndian.Uint64(p[i:])
			a, b, c, d := x^(ones*','), x^(ones*'"'), x^(ones*'\n'), x^(ones*'\r')
			if ((a-ones)&^a|(b-ones)&^b|(c-ones)&^c|(d-ones)&^d)&highs != 0 {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			return true
		}
	}
	return false
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// str appends a text field; the empty string stays an empty field.
func (r *row) str(s string) {
	r.sep()
	if needsQuote(s) {
		r.b = appendQuoted(r.b, s)
		return
	}
	r.b = append(r.b, s...)
}

// bytes appends a text field held in a byte slice.
func (r *row) bytes(b []byte) {
	r.str(unsafe.String(unsafe.SliceData(b), len(b)))
}

// text appends a text field, or NULL when s is empty: the vendor files never leave a cell empty.
func (r *row) text(s string) {
	if s == "" {
		r.null()
		return
	}
	r.str(s)
}

func (r *row) null() {
	r.sep()
	r.b = append(r.b, "NULL"...)
}

func (r *row) int(v int64) {
	r.sep()
	r.b = strconv.AppendInt(r.b, v, 10)
}

// num appends a float in its shortest exact form, artefacts included (8.640000000000001).
func (r *row) num(v float64) {
	r.sep()
	r.b = appendNum(r.b, v)
}

func appendNum(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// cents appends a money amount rounded to cents.
func (r *row) cents(v float64) { r.num(round2(v)) }

func (r *row) date(d day) {
	r.sep()
	r.b = d.appendISO(r.b)
}

func (r *row) end(crlf bool) {
	if crlf {
		r.b = append(r.b, '\r', '\n')
	} else {
		r.b = append(r.b, '\n')
	}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, float64(n-1)-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// cp1251 maps runes to Windows-1251 bytes; runes the code page lacks are folded first (Kazakh letters to
// their Russian counterparts, Turkish and other Latin letters to plain ASCII), and anything left becomes
// '?'.
var cp1251 = buildCP1251()

type cp1251Table struct {
	cyr  [0x100]byte // U+0400..U+04FF, 0 when the code page lacks the letter
	enc  map[rune]byte
	fold map[rune]rune
}

func buildCP1251() *cp1251Table {
	t := &cp1251Table{enc: make(map[rune]byte, 256), fold: map[rune]rune{
		'Ә': 'А', 'ә': 'а', 'Ғ': 'Г', 'ғ': 'г', 'Қ': 'К', 'қ': 'к', 'Ң': 'Н', 'ң': 'н', 'Ө': 'О', 'ө': 'о',
		'Ұ': 'У', 'ұ': 'у', 'Ү': 'У', 'ү': 'у', 'Һ': 'Х', 'һ': 'х',
		'Ş': 'S', 'ş': 's', 'Ğ': 'G', 'ğ': 'g', 'İ': 'I', 'ı': 'i', 'Ç': 'C', 'ç': 'c', 'Ö': 'O', 'ö': 'o',
		'Ü': 'U', 'ü': 'u', 'É': 'E', 'é': 'e', 'È': 'E', 'è': 'e', 'Ä': 'A', 'ä': 'a', 'Å': 'A', 'å': 'a',
		'Ó': 'O', 'ó': 'o', 'Ñ': 'N', 'ñ': 'n', 'Ł': 'L', 'ł': 'l', 'Ś': 'S', 'ś': 's', 'Ż': 'Z', 'ż': 'z',
		'×': 'X', '≤': '<', '≥': '>', '±': '+', '°': 'o',
	}}
	for b := 0x80; b < 0x100; b++ {
		r := charmap.Windows1251.DecodeByte(byte(b))
		if r == utf8.RuneError {
			continue
		}
		if r >= 0x400 && r < 0x500 {
			t.cyr[r-0x400] = byte(b)
		}
		t.enc[r] = byte(b)
	}
	return t
}

// appendCP1251 appends the UTF-8 text src to dst in Windows-1251.
func appendCP1251(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		i += n
		if r >= 0x400 && r < 0x500 && cp1251.cyr[r-0x400] != 0 {
			dst = append(dst, cp1251.cyr[r-0x400])
			continue
		}
		if f, ok := cp1251.fold[r]; ok {
			r = f
			if r < utf8.RuneSelf {
				dst = append(dst, byte(r))
				continue
			}
		}
		if b, ok := cp1251.enc[r]; ok {
			dst = append(dst, b)
		} else {
			dst = append(dst, '?')
		}
	}
	return dst
}

// truncRunes cuts b to at most n runes, as vendors cut long descriptions at a fixed length.
func truncRunes(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	c := 0
	for i := range string(b) {
		if c == n {
			return b[:i]
		}
		c++
	}
	return b
}
