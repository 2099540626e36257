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

// decodeBytes writes the UTF-8 form of src to dst, which must have room for 3*len(src) bytes, and returns the
// number of bytes written. Runs of ASCII are copied eight bytes at a time.
func (t *byteTable) decodeBytes(dst, src []byte) int {
	o := 0
	i := 0
	for i < len(src) {
		if i+8 <= len(src) && o+8 <= len(dst) {
			if binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
				copy(dst[o:o+8], src[i:i+8])
				i += 8
				o += 8
				continue
			}
		}
		b := src[i]
		i++
		if b < 0x80 {
			dst[o] = b
			o++
			continue
		}
		e := &t[b]
		_ = dst[o+2]
		dst[o], dst[o+1], dst[o+2] = e[0], e[1], e[2]
		o += int(e[3])
	}
	return o
}

// singleByteReader decodes a single-byte code page to UTF-8 with a 256-entry table.
type singleByteReader struct {
	r    io.Reader
	tab  *byteTable
	raw  []byte
	pend []byte // decoded bytes not yet delivered, when the caller's buffer was too small
}

func newSingleByteReader(r io.Reader, tab *byteTable) *singleByteReader {
	return &singleByteReader{r: r, tab: tab, raw: make([]byte, 64<<10)}
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
	max := min(len(p)/3, len(d.raw))
	if max == 0 {
		// Too little room for the worst case: decode one byte aside.
		n, err := d.r.Read(d.raw[:1])
		if n == 0 {
			return 0, err
		}
		var tmp [3]byte
		m := d.tab.decodeBytes(tmp[:], d.raw[:1])
		c := copy(p, tmp[:m])
		d.pend = append(d.pend[:0], tmp[c:m]...)
		return c, err
	}
	n, err := d.r.Read(d.raw[:max])
	return d.tab.decodeBytes(p, d.raw[:n]), err
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
