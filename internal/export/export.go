// Package export writes tradetrace's tables and graphs in the formats investigators take elsewhere: CSV and
// XLSX for spreadsheets, GraphML and GEXF for Gephi, FollowTheMoney entities as JSON lines for Aleph and
// OpenSanctions tooling, and plain JSON. It knows nothing of the store: callers hand it a Table or a Graph.
//
// Every value is data written by strangers. The writers escape it for their format, drop what the format
// cannot hold (XML 1.0 forbids most control characters), and neutralise spreadsheet formulas.
package export

import (
	"regexp"
	"strings"
)

// ColumnType says how a spreadsheet writer treats a column's cells.
type ColumnType uint8

// Column types. ColumnAuto writes a cell as a number when it reads as a plain decimal number without a
// leading zero, and as text otherwise; ColumnText always writes text (codes and identifiers such as HS codes
// and record ids, whose leading zeros matter); ColumnNumber writes numbers and leaves empty cells empty.
const (
	ColumnAuto ColumnType = iota
	ColumnText
	ColumnNumber
)

// Table is a rectangular set of rows with named columns, as the user sees it.
type Table struct {
	Name    string // the sheet name in XLSX, a label elsewhere
	Columns []string
	Rows    [][]string
	// Types gives the type of each column by index; a missing entry is ColumnAuto.
	Types []ColumnType
}

func (t *Table) columnType(i int) ColumnType {
	if i < len(t.Types) {
		return t.Types[i]
	}
	return ColumnAuto
}

// plainNumber matches what a spreadsheet may take as a number without changing its meaning: no leading zero
// before another digit, no thousands separators, no sign other than a leading minus.
var plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$`)

// isNumber reports whether a cell reads as a plain number.
func isNumber(s string) bool { return plainNumber.MatchString(s) }

// Neutralise makes a cell safe from formula injection: spreadsheet programs run a cell that starts with
// = + - @ (and, in some, a tab or carriage return) as a formula, so such a cell gets a leading apostrophe,
// which they show as text. Plain numbers such as -12.5 are left alone.
func Neutralise(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// IsNeutralised reports whether Neutralise changed s into n, for readers that want the original back.
func IsNeutralised(n string) bool {
	return len(n) > 1 && n[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(n[1]))
}
