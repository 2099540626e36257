package sample

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// fileGen writes one file: one kind, one year. It owns its random stream, so files can be written in any
// order or at once and still come out the same.
type fileGen struct {
	*generator
	kind        Kind
	year        int
	rows        int64 // data rows planned
	firstSerial int64 // serial of the first record id

	r        *rng
	out      *bufio.Writer
	row      row
	enc      []byte
	serial   int64
	written  int64
	counters map[string]int
	declNo   string
	recID    []byte
	bufA     []byte // description scratch buffers
	bufB     []byte
	tags     [12]string
	scratch  decl // the ordinary declaration being written
	itemBuf  [8]item
	records  []plantedRow // rows of planted declarations written
	name     string
}

var recordPrefix = [numKinds]string{"RUIM", "KZIM", "TRIM", "TREX", "CNEX", "AEEX"}

func (f *fileGen) fileName() string {
	n := f.kind.String() + "_" + strconv.Itoa(f.year) + ".csv"
	if f.cfg.Gzip {
		n += ".gz"
	}
	return n
}

// run writes the file.
func (f *fileGen) run(ctx context.Context) (err error) {
	f.name = f.fileName()
	path := filepath.Join(f.cfg.Dir, f.name)
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	defer func() {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", f.name, cerr)
		}
	}()
	var sink io.Writer = file
	var zw *gzip.Writer
	if f.cfg.Gzip {
		zw, _ = gzip.NewWriterLevel(file, gzip.BestSpeed)
		sink = zw
	}
	f.out = bufio.NewWriterSize(sink, 1<<20)
	f.r = newRNG(f.cfg.Seed, hashLabel("file"), uint64(f.kind), uint64(f.year))
	f.counters = map[string]int{}
	f.serial = f.firstSerial
	if err := f.body(ctx); err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	if err := f.out.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	if f.written != f.rows {
		return fmt.Errorf("write %s: %d rows written, %d planned", f.name, f.written, f.rows)
	}
	return nil
}

// body writes the header and the months in date order: ordinary declarations spread over the days, and
// the planted ones slotted in on their dates.
func (f *fileGen) body(ctx context.Context) error {
	l := &layouts[f.kind]
	f.out.WriteString(l.Header)
	if l.CRLF {
		f.out.WriteString("\r\n")
	} else {
		f.out.WriteByte('\n')
	}
	var sinceCheck int64
	for mi := 0; mi < 12; mi++ {
		month := (f.year-firstYear)*12 + mi
		y, m := monthOf(month)
		days := daysIn(y, m)
		budget := f.budget[f.kind][month]
		planted := f.planted[f.kind][month]
		var done int64
		for done < budget {
			dt := day{y, m, 1 + int(done*int64(days)/budget)}
			for len(planted) > 0 && !dt.before(planted[0].date) {
				f.emit(planted[0])
				planted = planted[1:]
			}
			d := f.ordinary(month, dt, int(budget-done))
			f.emit(d)
			done += int64(d.lines())
			if sinceCheck += int64(d.lines()); sinceCheck >= 4096 {
				sinceCheck = 0
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		for _, d := range planted {
			f.emit(d)
		}
	}
	return nil
}

// emit numbers a declaration and writes its lines.
func (f *fileGen) emit(d *decl) {
	f.declNo = f.declNumber(d)
	crlf := layouts[f.kind].CRLF
	for i := range d.items {
		f.recID = appendPad10(append(f.recID[:0], recordPrefix[f.kind]...), f.serial)
		recID := f.recID
		f.serial++
		f.row.reset()
		switch f.kind {
		case RUImport:
			f.writeRU(d, i, recID)
		case KZImport:
			f.writeKZ(d, i, recID)
		case TRImport:
			f.writeTRImport(d, i, recID)
		case TRExport:
			f.writeTRExport(d, i, recID)
		default:
			f.writeCanonical(d, i, recID)
		}
		f.row.end(crlf)
		if f.kind == KZImport {
			f.enc = appendCP1251(f.enc[:0], f.row.b)
			f.out.Write(f.enc)
		} else {
			f.out.Write(f.row.b)
		}
		if d.plant != nil {
			f.records = append(f.records, plantedRow{d.plant.ev, f.eventRecord(d, i, string(recID))})
		}
	}
	f.written += int64(len(d.items))
	f.progress(int64(len(d.items)))
}

func pad10(v int64) string { return string(appendPad10(nil, v)) }

func appendPad10(b []byte, v int64) []byte {
	var d [10]byte
	for i := 9; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, d[:]...)
}

var tagPrefix = [numKinds]string{"RU_IMP_", "KZ_IMP_", "TR_IMP_", "TR_EXP_", "CN_EXP_", "AE_EXP_"}

// recordsTag is the vendor's batch tag of a row: the file kind and the month.
func (f *fileGen) recordsTag(d day) string {
	t := &f.tags[d.m-1]
	if *t == "" {
		*t = tagPrefix[f.kind] + d.monthString()
	}
	return *t
}

// padN formats v with at least n digits.
func padN(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// next returns the next serial of a numbering sequence (a customs office's declarations): the sample
// holds some of an office's declarations, so the serials it shows have gaps.
func (f *fileGen) next(key string) int {
	n, ok := f.counters[key]
	if !ok {
		n = 1 + f.r.intn(4000)
	}
	n += 1 + f.r.intn(25)
	f.counters[key] = n
	return n
}

// declNumber formats the declaration number the way each customs service does.
func (f *fileGen) declNumber(d *decl) string {
	yy := padN(d.date.y%100, 2)
	switch f.kind {
	case RUImport, KZImport:
		dmy := string(d.date.appendDMY(nil))
		width := 7
		return d.office.code + "/" + dmy + "/" + padN(f.next(d.office.code), width)
	case TRImport:
		return yy + d.office.code + "IM" + padN(f.next(d.office.code), 8)
	case TRExport:
		return yy + d.office.code + "EX" + padN(f.next(d.office.code), 8)
	case CNExport:
		code, ok := cnOffices[d.shipper.co.city]
		if !ok {
			code = "5304"
		}
		return code + strconv.Itoa(d.date.y) + "1" + padN(f.next(code), 9)
	}
	code := aeOffices[int(hashLabel(d.shipper.co.id)%uint64(len(aeOffices)))]
	return code + "-" + padN(f.next(code), 8) + "-" + yy
}
