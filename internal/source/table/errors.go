package table

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// File-level errors. Open and New wrap them with the file name ("open x.csv: empty file"); test with errors.Is.
var (
	ErrEmpty           = errors.New("empty file")
	ErrNoHeader        = errors.New("no header")
	ErrBadHeader       = errors.New("malformed header")
	ErrTooManyColumns  = errors.New("too many columns in header")
	ErrDuplicateHeader = errors.New("duplicate header name")
	ErrBinary          = errors.New("binary data, not a table")
	ErrNotXLSX         = errors.New("zip archive is not an XLSX workbook")
	ErrNoSheets        = errors.New("workbook has no worksheets")
	ErrSheetNotFound   = errors.New("sheet not found")
	ErrUnsupported     = errors.New("unsupported file format")
	ErrBadOption       = errors.New("invalid option")
)

// Reason classifies a problem with one row. The String form is a stable code, fit to store with a rejected row.
type Reason uint8

// Row-level problems, reported in Record.Err as a *RowError.
const (
	ReasonTooManyFields     Reason = iota + 1 // more non-empty fields than header columns
	ReasonTooFewFields                        // fewer fields than header columns (CSV and TSV only)
	ReasonUnterminatedQuote                   // a quoted field never closes, or runs over the size limit across lines
	ReasonFieldTooLarge                       // a field is over Options.MaxFieldBytes
	ReasonRecordTooLarge                      // a record is over Options.MaxRecordBytes
	ReasonInvalidUTF8                         // bytes that are not UTF-8 in a UTF-8 input; replaced by U+FFFD
	ReasonBinary                              // a NUL byte: binary data inside the text
	ReasonRepeatedHeader                      // the row repeats the header, as when files were concatenated
	ReasonBadJSON                             // a JSON lines line is not one valid JSON object
	ReasonBadCell                             // an XLSX cell that cannot be read (bad reference, shared string index)
)

var reasonCodes = [...]string{
	ReasonTooManyFields:     "too_many_fields",
	ReasonTooFewFields:      "too_few_fields",
	ReasonUnterminatedQuote: "unterminated_quote",
	ReasonFieldTooLarge:     "field_too_large",
	ReasonRecordTooLarge:    "record_too_large",
	ReasonInvalidUTF8:       "invalid_utf8",
	ReasonBinary:            "binary",
	ReasonRepeatedHeader:    "repeated_header",
	ReasonBadJSON:           "bad_json",
	ReasonBadCell:           "bad_cell",
}

// String returns the stable code of the reason, such as "too_many_fields".
func (r Reason) String() string {
	if int(r) < len(reasonCodes) && reasonCodes[r] != "" {
		return reasonCodes[r]
	}
	return "reason(" + strconv.Itoa(int(r)) + ")"
}

// RowError describes what is wrong with one row. Reading goes on with the next row.
type RowError struct {
	Row    int64  // data row number, as Record.Row
	Line   int64  // where the row starts, as Record.Line
	Index  int    // 1-based column number the problem is in, 0 when it concerns the whole row
	Column string // header name of that column, empty when the row as a whole is at fault or the column has no name
	Reason Reason
	Detail string // human-readable particulars, such as "29 fields, header has 27"
}

// Error renders the error as "row 12 (line 14), column 3 "NAME": too many fields: 29 fields, header has 27".
func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d (line %d)", e.Row, e.Line)
	if e.Index > 0 {
		fmt.Fprintf(&b, ", column %d", e.Index)
		if e.Column != "" {
			fmt.Fprintf(&b, " %q", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(strings.ReplaceAll(e.Reason.String(), "_", " "))
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// rowErr builds a RowError for column index i (0-based, -1 for the whole row); Reader.Next fills in Row and Column.
func rowErr(reason Reason, i int, format string, args ...any) *RowError {
	return &RowError{Reason: reason, Index: i + 1, Detail: fmt.Sprintf(format, args...)}
}
