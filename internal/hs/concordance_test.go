package hs

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConcordanceCases(t *testing.T) {
	tests := []struct {
		name string
		f    func(Code) []Code
		in   Code
		want []Code
	}{
		{"ToHS2017", ToHS2017, "854149", []Code{"854140"}},
		{"ToHS2017", ToHS2017, "854800", []Code{"854890"}},
		{"ToHS2017", ToHS2017, "880730", []Code{"880330"}},
		{"ToHS2017", ToHS2017, "852589", []Code{"852580"}},
		{"ToHS2017", ToHS2017, "930320", []Code{"930320"}},
		{"ToHS2017", ToHS2017, "9303201000", []Code{"930320"}},
		{"ToHS2017", ToHS2017, "880330", nil}, // not an HS2022 code
		{"ToHS2017", ToHS2017, "999999", nil},
		{"ToHS2017", ToHS2017, "93", []Code{"93"}},
		{"ToHS2017", ToHS2017, "8806", []Code{"8525", "8802"}}, // drones were cameras or aircraft
		{"ToHS2022", ToHS2022, "880330", []Code{"852411", "852412", "852419", "852491", "852492", "852499", "852990", "880730"}},
		{"ToHS2022", ToHS2022, "854140", []Code{"854141", "854142", "854143", "854149", "854921", "854929", "854931", "854939", "854991", "854999"}},
		{"ToHS2022", ToHS2022, "930320", []Code{"930320"}},
		{"ToHS2022", ToHS2022, "806", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.f(tt.in)); diff != "" {
			t.Errorf("%s(%q) mismatch (-want +got):\n%s", tt.name, tt.in, diff)
		}
	}
	// HS2017 8525.80 (cameras) went partly to the new drone heading 8806.
	got := ToHS2022("852580")
	for _, want := range []Code{"852589", "852583", "880624"} {
		if !slices.Contains(got, want) {
			t.Errorf("ToHS2022(%q) = %q, want it to contain %q", "852580", got, want)
		}
	}
}

// TestConcordanceRoundTrip checks both directions of the correlation against each other over every
// HS2022 subheading: if a maps to b, b maps back to a.
func TestConcordanceRoundTrip(t *testing.T) {
	n := 0
	for c := range nomen().desc {
		if len(c) != 6 {
			continue
		}
		n++
		olds := ToHS2017(c)
		if len(olds) == 0 {
			t.Errorf("ToHS2017(%q) = nil for an HS2022 subheading", c)
		}
		for _, o := range olds {
			if !slices.Contains(ToHS2022(o), c) {
				t.Errorf("ToHS2017(%q) contains %q, but ToHS2022(%q) = %q does not contain %q", c, o, o, ToHS2022(o), c)
			}
		}
	}
	if n != 5612 {
		t.Errorf("%d HS2022 subheadings, want 5612", n)
	}
}

// TestConversionFirst checks that ToHS2017 puts the UNSD conversion's choice first, against the
// conversion file read on its own.
func TestConversionFirst(t *testing.T) {
	rows, err := readCSV("data/hs2022_to_hs2017_conversion.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if Code(r[0]).Chapter() == "99" {
			continue
		}
		if got := ToHS2017(Code(r[0])); len(got) == 0 || got[0] != Code(r[1]) {
			t.Errorf("ToHS2017(%q) = %q, want %q first", r[0], got, r[1])
		}
	}
}

func TestConcordanceShort(t *testing.T) {
	got := ToHS2022("85")
	if !slices.Contains(got, "85") || !slices.Contains(got, "88") || slices.Contains(got, "01") {
		t.Errorf("ToHS2022(%q) = %q, want chapters 85 and 88 (8525.80 drones), not 01", "85", got)
	}
	if got := ToHS2017("8"); got != nil {
		t.Errorf("ToHS2017(%q) = %q, want nil", "8", got)
	}
	a := ToHS2017("854149")
	a[0] = "000000"
	if got := ToHS2017("854149"); got[0] != "854140" {
		t.Error("ToHS2017 returns the package's own slice")
	}
}
