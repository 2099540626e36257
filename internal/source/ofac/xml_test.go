package ofac_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/source/lists"
	"tradetrace/internal/source/ofac"
	"tradetrace/internal/trade"
)

func TestReadXML(t *testing.T) {
	l, err := ofac.ReadXML(open(t, "testdata/sample_ofac_consolidated.xml"))
	if err != nil {
		t.Fatalf("ReadXML(sample) error: %v", err)
	}
	if len(l.Entries) != 8 || l.PublishDate != "04/22/2020" || l.RecordCount != "8197" {
		t.Errorf("ReadXML(sample) = %d entries, published %q, count %q; want 8, 04/22/2020, 8197",
			len(l.Entries), l.PublishDate, l.RecordCount)
	}
	got := byID(ofac.MapXML(ofac.ListSDN, l.Entries, lists.CountryCode))
	saeed := got["10689"]
	if saeed.Schema != trade.SchemaPerson || saeed.Caption() != "Muhammad SAEED" {
		t.Errorf("MapXML[10689] = %s %q, want Person Muhammad SAEED", saeed.Schema, saeed.Caption())
	}
	for _, want := range []trade.ListName{{Value: "TATA JI", Kind: trade.NameWeak}, {Value: "Hafiz Muhammad SAEED", Kind: trade.NameAlias}} {
		if !hasName(saeed.Names, want) {
			t.Errorf("MapXML[10689].Names = %v, want %v among them", saeed.Names, want)
		}
	}
	wantIDs := []trade.Identifier{{Scheme: "PASSPORT", Value: "Booklet A5250088"}, {Scheme: "PASSPORT", Value: "BE5978421"},
		{Scheme: "NATIONAL_ID", Value: "23250460642"}, {Scheme: "NATIONAL_ID", Value: "3520025509842-7"}}
	if diff := cmp.Diff(wantIDs, saeed.Identifiers); diff != "" {
		t.Errorf("MapXML[10689].Identifiers mismatch (-want +got):\n%s", diff)
	}
	if !cmp.Equal(saeed.Countries, []string{"PK"}) || !cmp.Equal(saeed.Programs, []string{"SDGT"}) {
		t.Errorf("MapXML[10689] countries %v programs %v, want [PK] [SDGT]", saeed.Countries, saeed.Programs)
	}
}

func TestReadXMLErrors(t *testing.T) {
	for _, in := range []string{`<other/>`, `<sdnList><sdnEntry><uid>1</sdnEntry>`} {
		if _, err := ofac.ReadXML(strings.NewReader(in)); err == nil {
			t.Errorf("ReadXML(%q) error = nil, want an error", in)
		}
	}
	if _, err := ofac.ReadXML(strings.NewReader(`<CONSOLIDATED_LIST/>`)); !errors.Is(err, ofac.ErrLayout) {
		t.Errorf("ReadXML(un root) error = %v, want ErrLayout", err)
	}
}
