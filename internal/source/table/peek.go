package table

import "io"

// peekReader lets detection look at the start of an input before reading it. Unlike bufio.Reader it grows its
// buffer only as far as the input goes, so a small file costs little.
type peekReader struct {
	r   io.Reader
	buf []byte // peeked bytes not yet read
	err error  // the error that stopped the last peek, io.EOF at the end
}

// peek returns up to n bytes from the start of the unread input, fewer only at its end. A read error other than
// io.EOF is returned with the bytes read before it.
func (p *peekReader) peek(n int) ([]byte, error) {
	for len(p.buf) < n && p.err == nil {
		if len(p.buf) == cap(p.buf) {
			nb := make([]byte, len(p.buf), min(n, max(2*cap(p.buf), 64<<10)))
			copy(nb, p.buf)
			p.buf = nb
		}
		m, err := p.r.Read(p.buf[len(p.buf):cap(p.buf)])
		p.buf = p.buf[:len(p.buf)+m]
		p.err = err
	}
	if p.err != nil && p.err != io.EOF {
		return p.buf, p.err
	}
	return p.buf[:min(n, len(p.buf))], nil
}

// discard drops the first n peeked bytes.
func (p *peekReader) discard(n int) { p.buf = p.buf[min(n, len(p.buf)):] }

// atEOF tells whether the peeked bytes are the whole input.
func (p *peekReader) atEOF() bool { return p.err == io.EOF }

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	if p.err != nil {
		return 0, p.err
	}
	return p.r.Read(b)
}

// ReadByte makes a peekReader an io.ByteReader, which spares gzip a buffer of its own.
func (p *peekReader) ReadByte() (byte, error) {
	if len(p.buf) == 0 {
		if _, err := p.peek(1); err != nil {
			return 0, err
		}
		if len(p.buf) == 0 {
			return 0, io.EOF
		}
	}
	b := p.buf[0]
	p.buf = p.buf[1:]
	return b, nil
}
