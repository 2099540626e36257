package table

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Magic numbers at the start of binary inputs.
var (
	magicGzip = []byte{0x1F, 0x8B}
	magicZip  = []byte("PK\x03\x04")
	magicZip0 = []byte("PK\x05\x06") // an empty archive
	magicOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// detectEncoding returns the encoding of a text sample (the first bytes of the input) and the length of its byte
// order mark. atEOF tells whether the sample is the whole input.
func detectEncoding(sample []byte, atEOF bool) (Encoding, int) {
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		return EncodingUTF8, 3
	case bytes.HasPrefix(sample, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE, 2
	case bytes.HasPrefix(sample, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE, 2
	}
	if e, ok := guessUTF16(sample); ok {
		return e, 0
	}
	if !atEOF {
		sample = trimPartialRune(sample)
	}
	if utf8.Valid(sample) {
		return EncodingUTF8, 0
	}
	// A UTF-8 file with a few damaged bytes still has far more well-formed multi-byte sequences than stray
	// bytes; single-byte Cyrillic or Western text almost never forms them.
	var multi, invalid int
	for i := 0; i < len(sample); {
		if sample[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			multi++
		}
		i += n
	}
	if multi > 4*invalid {
		return EncodingUTF8, 0
	}
	return guessSingleByte(sample), 0
}

// guessUTF16 recognises UTF-16 without a byte order mark by the zero high bytes of mostly-ASCII text: zeros at
// every other position and nowhere else.
func guessUTF16(sample []byte) (Encoding, bool) {
	s := sample[:min(len(sample), 4096)&^1]
	if len(s) < 8 {
		return EncodingAuto, false
	}
	var even, odd int
	for i := 0; i < len(s); i += 2 {
		if s[i] == 0 {
			even++
		}
		if s[i+1] == 0 {
			odd++
		}
	}
	pairs := len(s) / 2
	switch {
	case even == 0 && odd*10 >= pairs*7:
		return EncodingUTF16LE, true
	case odd == 0 && even*10 >= pairs*7:
		return EncodingUTF16BE, true
	}
	return EncodingAuto, false
}

// guessSingleByte chooses between Windows-1251 and Windows-1252 for text that is not UTF-8. Both code pages put
// letters at 0xC0–0xFF, but they keep different company: Cyrillic words are runs of such bytes, while accented
// Latin letters sit between ASCII letters ("Müller", "café"). Each high letter votes by its neighbours. A tie
// goes to Windows-1251, the code page of the legacy customs files this reader is for.
func guessSingleByte(s []byte) Encoding {
	var cyr, lat int
	vote := func(b byte) {
		switch {
		case b >= 0xC0:
			cyr++
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
			lat++
		}
	}
	for i, b := range s {
		if b < 0xC0 {
			continue
		}
		if i > 0 {
			vote(s[i-1])
		}
		if i+1 < len(s) {
			vote(s[i+1])
		}
	}
	if lat > cyr {
		return EncodingWindows1252
	}
	return EncodingWindows1251
}

// trimPartialRune drops an incomplete UTF-8 sequence cut off at the end of a sample.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// baseExt returns the lower-case extension of name, looking through a ".gz" suffix.
func baseExt(name string) string {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	n = strings.TrimSuffix(n, ".gzip")
	return filepath.Ext(n)
}

// textFormat decides between CSV, TSV and JSON lines for decoded text. The extension decides when it names one
// of them; otherwise a first non-blank character '{' means JSON lines. The delimiter of CSV is sniffed.
func textFormat(ext string, sample []byte, atEOF bool) (Format, byte) {
	switch ext {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL, 0
	case ".tsv", ".tab":
		return FormatTSV, '\t'
	}
	if ext != ".csv" && ext != ".psv" {
		if t := bytes.TrimLeft(trimBOM(sample), " \t\r\n"); len(t) > 0 && t[0] == '{' {
			return FormatJSONL, 0
		}
	}
	def := byte(',')
	if ext == ".psv" {
		def = '|'
	}
	d := sniffDelimiter(sample, atEOF, def)
	if d == '\t' {
		return FormatTSV, d
	}
	return FormatCSV, d
}

var delimiterCandidates = [...]byte{',', ';', '\t', '|'}

// sniffDelimiter counts each candidate delimiter outside quotes on the first records of the sample. The winner
// appears on the header and the same number of times on the most records; more columns break a tie, then the
// order ',' ';' tab '|'. def is returned when no candidate appears on the header line.
func sniffDelimiter(sample []byte, atEOF bool, def byte) byte {
	const maxRecords = 50
	var counts [][len(delimiterCandidates)]int
	var cur [len(delimiterCandidates)]int
	inQuote, empty := false, true
	for _, b := range sample {
		if len(counts) >= maxRecords {
			break
		}
		switch {
		case b == '"':
			inQuote = !inQuote
			empty = false
		case inQuote:
		case b == '\n' || b == '\r':
			if !empty {
				counts = append(counts, cur)
			}
			cur = [len(delimiterCandidates)]int{}
			empty = true
		default:
			empty = false
			for i, d := range delimiterCandidates {
				if b == d {
					cur[i]++
				}
			}
		}
	}
	if !empty && (atEOF || len(counts) == 0) {
		counts = append(counts, cur)
	}
	if len(counts) == 0 {
		return def
	}
	best, bestAgree, bestCols := -1, -1, 0
	for i := range delimiterCandidates {
		h := counts[0][i]
		if h == 0 {
			continue
		}
		agree := 0
		for _, c := range counts[1:] {
			if c[i] == h {
				agree++
			}
		}
		if agree > bestAgree || agree == bestAgree && h > bestCols {
			best, bestAgree, bestCols = i, agree, h
		}
	}
	if best < 0 {
		return def
	}
	return delimiterCandidates[best]
}
