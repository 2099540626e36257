package lists

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrUnknownFormat reports a file whose format Detect does not recognise.
var ErrUnknownFormat = errors.New("unknown list format")

// sniffSize is how much of a file Detect reads.
const sniffSize = 64 << 10

// Detect tells the format of a list file from its first bytes: the root element of an XML document, the keys of
// a JSON document, the header of a CSV file, or — for OFAC's headerless legacy CSV — the shape of its first row.
func Detect(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("detect list format: %w", err)
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", fmt.Errorf("detect list format of %s: %w", path, err)
	}
	format, ok := DetectBytes(head[:n])
	if !ok {
		return "", fmt.Errorf("detect list format of %s: %w", path, ErrUnknownFormat)
	}
	return format, nil
}

// DetectBytes tells the format of a list from its first bytes, as Detect does.
func DetectBytes(head []byte) (Format, bool) {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 {
		return "", false
	}
	switch head[0] {
	case '<':
		return detectXML(head)
	case '{', '[':
		switch {
		case bytes.Contains(head, []byte(`"DATA_SOURCE"`)) && bytes.Contains(head, []byte(`"RECORD_ID"`)):
			return FormatSenzing, true
		case bytes.Contains(head, []byte(`"schema"`)) && bytes.Contains(head, []byte(`"properties"`)):
			return FormatFTM, true
		}
		return "", false
	}
	return detectCSV(head)
}

func detectXML(head []byte) (Format, bool) {
	d := xml.NewDecoder(bytes.NewReader(head))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "sdnList":
				return FormatOFACXML, true
			case "export":
				return FormatEUXML, true
			case "CONSOLIDATED_LIST":
				return FormatUNXML, true
			}
			return "", false
		}
	}
}

func detectCSV(head []byte) (Format, bool) {
	cr := csv.NewReader(bytes.NewReader(head))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	first, err := cr.Read()
	if err != nil || len(first) == 0 {
		return "", false
	}
	cols := make(map[string]bool, len(first))
	for _, c := range first {
		cols[strings.ToLower(strings.TrimSpace(c))] = true
	}
	switch {
	case cols["celex"] && cols["recordid"]:
		return FormatEUCSV, true
	case cols["name 6"] || strings.EqualFold(strings.TrimSpace(first[0]), "Last Updated"):
		return FormatHMTCSV, true
	case cols["source"] && cols["entity_number"]:
		return FormatCSL, true
	case cols["clean name"]:
		return FormatDoD1260H, true
	case cols["chinese name"]:
		return FormatMOFCOM, true
	case cols["name"] && cols["program"] && cols["topics"]:
		return FormatMIEU, true
	}
	if strings.Trim(strings.TrimSpace(first[0]), "0123456789") != "" || strings.TrimSpace(first[0]) == "" {
		return "", false
	}
	switch len(first) {
	case 12:
		return FormatOFACCSV, true
	case 6:
		return FormatOFACAdd, true
	case 5:
		if t := strings.ToLower(strings.TrimSpace(first[2])); t == "aka" || t == "fka" || t == "nka" {
			return FormatOFACAlt, true
		}
	case 2:
		return FormatOFACComments, true
	}
	return "", false
}
