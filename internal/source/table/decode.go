package table

import (
	"encoding/binary"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// byteTable maps each byte of a single-byte code page to its UTF-8 form: up to three bytes, the length in [3].
type byteTable [256][4]byte

func newByteTable(cm *charmap.Charmap) *byteTable {
	var t byteTable
	for i := range 256 {
		r := cm.DecodeByte(byte(i))
		n := utf8.EncodeRune(t[i][:3], r)
		t[i][3] = byte(n)
	}
	return &t
}

// decode writes the UTF-8 form of src to dst as far as it fits and returns the bytes written and read. Runs of
// ASCII are copied eight bytes at a time.
func (t *byteTable) decode(dst, src []byte) (nDst, nSrc int) {
	o, i := 0, 0
	for i < len(src) {
		if i+8 <= len(src) && o+8 <= len(dst) &&
			binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
			copy(dst[o:o+8], src[i:i+8])
			i += 8
			o += 8
			continue
		}
		b := src[i]
		if b < 0x80 {
			if o == len(dst) {
				break
			}
			dst[o] = b
			o++
			i++
			continue
		}
		e := &t[b]
		if o+3 <= len(dst) { // room for any character: store three bytes, keep as many as it has
			dst[o], dst[o+1], dst[o+2] = e[0], e[1], e[2]
			o += int(e[3])
			i++
			continue
		}
		n := int(e[3])
		if o+n > len(dst) {
			break
		}
		copy(dst[o:o+n], e[:n])
		o += n
		i++
	}
	return o, i
}

// singleByteReader decodes a single-byte code page to UTF-8 with a 256-entry table.
type singleByteReader struct {
	r      io.Reader
	tab    *byteTable
	raw    []byte
	r0, r1 int   // raw[r0:r1] is read but not yet decoded
	err    error // from the last read of r
	pend   []byte
}

func newSingleByteReader(r io.Reader, tab *byteTable) *singleByteReader {
	return &singleByteReader{r: r, tab: tab, raw: make([]byte, 128<<10)}
}

func (d *singleByteReader) Read(p []byte) (int, error) {
	if len(d.pend) > 0 {
		n := copy(p, d.pend)
		d.pend = d.pend[n:]
		return n, nil
	}
	if len(p) == 0 {
		return 0, nil
	}
	if d.r0 == d.r1 {
		if d.err != nil {
			return 0, d.err
		}
		n, err := d.r.Read(d.raw)
		d.r0, d.r1, d.err = 0, n, err
		if n == 0 {
			return 0, err
		}
	}
	n, m := d.tab.decode(p, d.raw[d.r0:d.r1])
	if m == 0 { // p is too small for the next character: decode it aside
		var tmp [3]byte
		k, _ := d.tab.decode(tmp[:], d.raw[d.r0:d.r0+1])
		n = copy(p, tmp[:k])
		d.pend = append(d.pend[:0], tmp[n:k]...)
		m = 1
	}
	d.r0 += m
	return n, nil
}

// decoder returns a reader that decodes r from enc to UTF-8; the byte order mark, if any, is already consumed.
func decoder(r io.Reader, enc Encoding) io.Reader {
	switch enc {
	case EncodingUTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case EncodingUTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	case EncodingWindows1251:
		return newSingleByteReader(r, newByteTable(charmap.Windows1251))
	case EncodingWindows1252:
		return newSingleByteReader(r, newByteTable(charmap.Windows1252))
	case EncodingKOI8R:
		return newSingleByteReader(r, newByteTable(charmap.KOI8R))
	case EncodingIBM866:
		return newSingleByteReader(r, newByteTable(charmap.CodePage866))
	}
	return r
}
