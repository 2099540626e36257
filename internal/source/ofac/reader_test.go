package ofac

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadEntries(t *testing.T) {
	got, err := ReadEntries(openFixture(t, "sdn.csv"))
	if err != nil {
		t.Fatalf("ReadEntries(sdn.csv) error: %v", err)
	}
	if len(got) != 9 {
		t.Fatalf("ReadEntries(sdn.csv) = %d entries, want 9 (the Ctrl-Z line is not a row)", len(got))
	}
	vessel := got[1]
	want := Entry{EntNum: "4243", Name: "EBANO", Type: "vessel", Programs: []string{"CUBA"}, VesselType: "General Cargo",
		Tonnage: "2595", GRT: "1865", VesselFlag: "Panama", Remarks: vessel.Remarks}
	if diff := cmp.Diff(want, vessel); diff != "" {
		t.Errorf("ReadEntries(sdn.csv)[1] mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(vessel.Remarks, "Vessel Registration Identification IMO") {
		t.Errorf("ReadEntries(sdn.csv)[1].Remarks = %q, want the vessel's IMO remark", vessel.Remarks)
	}
	if got[0].Type != "" || got[0].Title != "" {
		t.Errorf("ReadEntries(sdn.csv)[0] = %+v, want -0- read as empty fields", got[0])
	}
}

func TestReadParts(t *testing.T) {
	alts, err := ReadAlts(openFixture(t, "alt.csv"))
	if err != nil || len(alts) != 30 {
		t.Fatalf("ReadAlts(alt.csv) = %d rows, %v, want 30 rows", len(alts), err)
	}
	adds, err := ReadAddresses(openFixture(t, "add.csv"))
	if err != nil || len(adds) != 14 {
		t.Fatalf("ReadAddresses(add.csv) = %d rows, %v, want 14 rows", len(adds), err)
	}
	wantAdd := Address{EntNum: "18782", AddNum: "28561", Street: "27 Stromynka Ul.", City: "Moscow 107076", Country: "Russia"}
	found := false
	for _, a := range adds {
		if a.EntNum == "18782" {
			found = true
			if diff := cmp.Diff(wantAdd, a); diff != "" {
				t.Errorf("ReadAddresses(add.csv) 18782 mismatch (-want +got):\n%s", diff)
			}
		}
	}
	if !found {
		t.Errorf("ReadAddresses(add.csv) has no address of 18782")
	}
	comments, err := ReadComments(openFixture(t, "sdn_comments.csv"))
	if err != nil || len(comments) != 2 {
		t.Fatalf("ReadComments(sdn_comments.csv) = %d rows, %v, want 2", len(comments), err)
	}
}

func TestReadLegacyErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"too few fields", "36,\"AEROCARIBBEAN AIRLINES\",-0- \r\n", ErrLayout},
		{"no ent_num", "-0- ,\"X\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", ErrLayout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadEntries(strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Errorf("ReadEntries(%q) error = %v, want %v", tt.in, err, tt.want)
			}
		})
	}
}

func TestReadWindows1252(t *testing.T) {
	in := "1,\"CAF\xc9 M\xdcLLER\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a"
	got, err := ReadEntries(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "CAFÉ MÜLLER" {
		t.Errorf("ReadEntries(windows-1252) = %+v, want one entry named CAFÉ MÜLLER", got)
	}
}

func TestSplitPrograms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"SDGT] [NPWMD", []string{"SDGT", "NPWMD"}},
		{"RUSSIA-EO14024", []string{"RUSSIA-EO14024"}},
		{"CAATSA - RUSSIA] [UKRAINE-EO13662", []string{"CAATSA - RUSSIA", "UKRAINE-EO13662"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitPrograms(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("splitPrograms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
