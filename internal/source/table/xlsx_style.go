package table

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// numKind tells how a number format shows a number: as itself, or as a date, date and time, or time of day.
type numKind uint8

const (
	kindNumber numKind = iota
	kindDate
	kindDateTime
	kindTime
)

// readStyles reads the number format of each cell style (cellXfs) and classifies it.
func (wb *workbook) readStyles(name string) ([]numKind, error) {
	custom := make(map[int]string)
	var xfs []int
	inCellXfs := false
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, code := -1, ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "numFmtId":
						id, _ = strconv.Atoi(a.Value)
					case "formatCode":
						code = a.Value
					}
				}
				custom[id] = code
			case "cellXfs":
				inCellXfs = true
			case "xf":
				if inCellXfs {
					id := 0
					for _, a := range t.Attr {
						if a.Name.Local == "numFmtId" {
							id, _ = strconv.Atoi(a.Value)
						}
					}
					xfs = append(xfs, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inCellXfs = false
			}
		}
	}
	kinds := make([]numKind, len(xfs))
	for i, id := range xfs {
		if code, ok := custom[id]; ok {
			kinds[i] = classifyFormatCode(code)
		} else {
			kinds[i] = builtinKind(id)
		}
	}
	return kinds, nil
}

// builtinKind classifies the built-in number formats (ECMA-376 part 1, 18.8.30), including the East Asian
// locale-dependent date and time formats 27–36 and 50–58.
func builtinKind(id int) numKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return kindDate
	case id == 22:
		return kindDateTime
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47:
		return kindTime
	}
	return kindNumber
}

// classifyFormatCode tells whether a custom format code shows a date or a time: it looks at the first section for
// the letters y, d (date), h, s (time) outside quoted text, escapes and [..] blocks; [h], [m] and [s] are elapsed
// time. An m alone is ambiguous (month or minute) and decides nothing.
func classifyFormatCode(code string) numKind {
	var date, tod bool
loop:
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				break loop
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				break loop
			}
			switch strings.ToLower(code[i+1 : i+j]) {
			case "h", "hh", "m", "mm", "s", "ss":
				tod = true
			}
			i += j
		case ';':
			break loop
		case 'y', 'Y', 'd', 'D':
			date = true
		case 'h', 'H', 's', 'S':
			tod = true
		}
	}
	switch {
	case date && tod:
		return kindDateTime
	case date:
		return kindDate
	case tod:
		return kindTime
	}
	return kindNumber
}

// excelMaxSerial is 9999-12-31, the last date Excel shows.
const excelMaxSerial = 2958465

var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// formatSerial renders a date serial number as ISO 8601: "2006-01-02" for a date format (which hides any time
// of day, as Excel does), for a date-and-time format "2006-01-02 15:04:05", or "2006-01-02" when the time is
// midnight, and "15:04:05" for a time-of-day format below one day. It reports false for
// values it leaves as numbers: not a number, negative, past 9999-12-31, a date format below 1, or an elapsed
// time of a day or more.
//
// In the 1900 date system serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was (serial 60,
// rendered as "1900-02-29" as Excel shows it); serials from 61 on are days since 1899-12-30.
func formatSerial(v string, kind numKind, date1904 bool) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f >= excelMaxSerial+1 {
		return "", false
	}
	secs := int64(math.Round(f * 86400))
	days, rem := secs/86400, secs%86400
	clock := time.Duration(rem) * time.Second
	hms := time.Time{}.Add(clock).Format("15:04:05")
	if kind == kindTime {
		if days > 0 {
			return "", false
		}
		return hms, true
	}
	if days == 0 && !date1904 {
		if kind == kindDateTime {
			return hms, true
		}
		return "", false
	}
	var day time.Time
	switch {
	case date1904:
		day = epoch1904.AddDate(0, 0, int(days))
	case days == 60:
		if rem == 0 || kind == kindDate {
			return "1900-02-29", true
		}
		return "1900-02-29 " + hms, true
	case days < 60:
		day = epoch1900.AddDate(0, 0, int(days)+1)
	default:
		day = epoch1900.AddDate(0, 0, int(days))
	}
	if rem == 0 || kind == kindDate {
		return day.Format("2006-01-02"), true
	}
	return day.Add(clock).Format("2006-01-02 15:04:05"), true
}
