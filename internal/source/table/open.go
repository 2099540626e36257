package table

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// sampleSize is how much of a text input encoding detection looks at.
const sampleSize = 1 << 20

// newReader detects compression, format and encoding, then reads the header. ra, when not nil, gives random
// access to the same bytes as src (a plain file), so that an XLSX file need not be read into memory.
func newReader(src io.Reader, ra io.ReaderAt, size int64, name string, opt Options) (*Reader, error) {
	if err := opt.normalize(); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	r := &Reader{name: name, opt: opt}
	if err := r.open(src, ra, size); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *Reader) open(src io.Reader, ra io.ReaderAt, size int64) error {
	in := &peekReader{r: src}
	magic, err := in.peek(8)
	if err != nil {
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	compressed := false
	if bytes.HasPrefix(magic, magicGzip) {
		gz, err := gzip.NewReader(in)
		if err != nil {
			return fmt.Errorf("open %s: gzip: %w", r.name, err)
		}
		r.closers = append(r.closers, gz)
		in = &peekReader{r: gz}
		compressed = true
		if magic, err = in.peek(8); err != nil {
			return fmt.Errorf("open %s: gzip: %w", r.name, err)
		}
	}
	if len(magic) == 0 {
		return fmt.Errorf("open %s: %w", r.name, ErrEmpty)
	}
	isZip := bytes.HasPrefix(magic, magicZip) || bytes.HasPrefix(magic, magicZip0)
	switch {
	case r.opt.Format == FormatXLSX || r.opt.Format == FormatAuto && isZip:
		if ra == nil || compressed {
			data, err := io.ReadAll(in)
			if err != nil {
				return fmt.Errorf("open %s: %w", r.name, err)
			}
			ra, size = bytes.NewReader(data), int64(len(data))
		}
		return r.openXLSX(ra, size)
	case r.opt.Format == FormatAuto && bytes.HasPrefix(magic, magicOLE):
		return fmt.Errorf("open %s: %w: legacy Excel .xls or another OLE document; save it as .xlsx or CSV", r.name, ErrUnsupported)
	}
	return r.openText(in)
}

// openText sets up decoding and the CSV or JSON lines scanner, and reads the header.
func (r *Reader) openText(in *peekReader) error {
	sample, err := in.peek(sampleSize)
	if err != nil {
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	atEOF := in.atEOF()
	enc, bom := r.opt.Encoding, 0
	if enc == EncodingAuto {
		enc, bom = detectEncoding(sample, atEOF)
	} else {
		bom = bomLen(enc, sample)
	}
	r.encoding = enc
	in.discard(bom)
	bufSize := initialBufSize
	if atEOF {
		bufSize = min(bufSize, 3*len(sample)+16) // room for the decoded text of a small file
	}
	tb := newTextBuf(decoder(in, enc), bufSize)
	if err := tb.fillAtLeast(min(64<<10, bufSize)); err != nil {
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	data := tb.unread()
	if tb.eof && len(bytes.TrimSpace(trimBOM(data))) == 0 {
		return fmt.Errorf("open %s: %w", r.name, ErrEmpty)
	}
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		tb.crOnly = true
		crToLF(data)
	}

	format, delim := r.opt.Format, byte(r.opt.Delimiter)
	switch format {
	case FormatAuto:
		format, delim = textFormat(baseExt(r.name), data, tb.eof)
		if r.opt.Delimiter != 0 && format != FormatJSONL {
			delim = byte(r.opt.Delimiter)
		}
		if t := bytes.TrimLeft(trimBOM(data), " \t\r\n"); format == FormatJSONL && len(t) > 0 && t[0] == '[' {
			return fmt.Errorf("open %s: %w: a JSON array; JSON lines (one object a line) expected", r.name, ErrUnsupported)
		}
	case FormatCSV:
		if delim == 0 {
			delim = sniffDelimiter(data, tb.eof, ',')
		}
	case FormatTSV:
		if delim == 0 {
			delim = '\t'
		}
	}
	if format == FormatCSV && delim == '\t' {
		format = FormatTSV
	}
	r.format = format
	checkUTF8 := enc == EncodingUTF8
	if format == FormatJSONL {
		js, err := newJSONLSource(tb, &r.opt, checkUTF8)
		if err != nil {
			return fmt.Errorf("open %s: %w", r.name, err)
		}
		r.src, r.jsonl = js, js
		return nil
	}
	r.delim = delim
	cs := newCSVSource(tb, delim, &r.opt, checkUTF8)
	r.src = cs
	rec, err := cs.next()
	switch {
	case err == io.EOF:
		return fmt.Errorf("open %s: %w", r.name, ErrNoHeader)
	case err != nil:
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	if re, ok := rec.Err.(*RowError); ok {
		switch re.Reason {
		case ReasonInvalidUTF8: // repaired; a damaged header name is no reason to refuse the file
		case ReasonBinary:
			return fmt.Errorf("open %s: %w: NUL byte in the header line (UTF-16 without a byte order mark? set the encoding)", r.name, ErrBinary)
		default:
			return fmt.Errorf("open %s: %w: %s: %s", r.name, ErrBadHeader, re.Reason, re.Detail)
		}
	}
	if err := r.setHeader(rec.Fields); err != nil {
		return err
	}
	cs.want = len(r.header)
	return nil
}

// bomLen returns the length of the byte order mark of enc at the start of b, if there is one.
func bomLen(enc Encoding, b []byte) int {
	switch {
	case enc == EncodingUTF8 && bytes.HasPrefix(b, bomUTF8):
		return 3
	case enc == EncodingUTF16LE && bytes.HasPrefix(b, []byte{0xFF, 0xFE}),
		enc == EncodingUTF16BE && bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return 2
	}
	return 0
}
