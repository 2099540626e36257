package table

import (
	"bytes"
	"io"
)

// textBuf is the read buffer under the CSV and JSON lines scanners. It holds decoded UTF-8 text; the bytes from pos
// to end are unread. It grows when one record does not fit, and the scanners bound that growth.
type textBuf struct {
	r      io.Reader
	buf    []byte
	pos    int
	end    int
	eof    bool
	crOnly bool // the input ends lines with a bare CR (classic Mac); fill rewrites each CR as LF
}

// initialBufSize is the buffer size for inputs larger than the detection sample; it grows for long records.
const initialBufSize = 256 << 10

func newTextBuf(r io.Reader, size int) *textBuf {
	return &textBuf{r: r, buf: make([]byte, size)}
}

// unread returns the buffered bytes not yet consumed.
func (t *textBuf) unread() []byte { return t.buf[t.pos:t.end] }

// fill reads more input after end. It first moves the unread bytes to the front of the buffer and doubles the
// buffer when it is full, so byte positions held across a call to fill are invalid afterwards. At the end of the
// input it sets eof and returns nil; other read errors are returned.
func (t *textBuf) fill() error {
	if t.eof {
		return nil
	}
	if t.pos > 0 {
		t.end = copy(t.buf, t.buf[t.pos:t.end])
		t.pos = 0
	}
	if t.end == len(t.buf) {
		nb := make([]byte, 2*len(t.buf))
		copy(nb, t.buf[:t.end])
		t.buf = nb
	}
	for range 100 {
		n, err := t.r.Read(t.buf[t.end:])
		if t.crOnly {
			crToLF(t.buf[t.end : t.end+n])
		}
		t.end += n
		if err == io.EOF {
			t.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
	return io.ErrNoProgress
}

// fillAtLeast reads until at least n bytes are unread or the input ends.
func (t *textBuf) fillAtLeast(n int) error {
	for t.end-t.pos < n && !t.eof {
		if err := t.fill(); err != nil {
			return err
		}
	}
	return nil
}

func crToLF(b []byte) {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return
		}
		b[i] = '\n'
		b = b[i+1:]
	}
}

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// trimBOM removes a UTF-8 byte order mark from the start of b. Concatenated exports leave one at the start of a
// line in the middle of a file.
func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}
