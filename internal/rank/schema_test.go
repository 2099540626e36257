package rank

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInferColumns(t *testing.T) {
	header := []string{"id", "date", "hs", "mass", "office", "country", "empty", "postcode", "label"}
	var rows [][]string
	for i := range 400 {
		hs := fmt.Sprintf("%02d%08d", []int{3, 39, 61, 84, 93}[i%5], (i%40)*1234)
		if hs[0] == '0' && i%2 == 0 {
			hs = hs[1:] // a spreadsheet dropped the leading zero
		}
		rows = append(rows, []string{
			fmt.Sprintf("D%06d", i),
			fmt.Sprintf("2021-03-%02d", 1+i%28),
			hs,
			fmt.Sprintf("%d.%d", i*7%200, i%10),
			fmt.Sprint(10 + i%5),
			[]string{"CN", "TR", "AE"}[i%3],
			"",
			fmt.Sprintf("0%d", 1000+i%30),
			fmt.Sprint(i % 2),
		})
	}
	got := inferColumns(header, rows, 8, Config{Roles: map[string]Role{"office": RoleCategory}})
	want := []Column{
		{Name: "id", Index: 0, Role: RoleIgnore},
		{Name: "date", Index: 1, Role: RoleDate},
		{Name: "hs", Index: 2, Role: RoleCode, Width: 10},
		{Name: "mass", Index: 3, Role: RoleNumber, Exact: true, Measure: true},
		{Name: "office", Index: 4, Role: RoleCategory},
		{Name: "country", Index: 5, Role: RoleCategory},
		{Name: "empty", Index: 6, Role: RoleIgnore},
		{Name: "postcode", Index: 7, Role: RoleCategory}, // leading zeros: a label, not a quantity
		{Name: "label", Index: 8, Role: RoleIgnore},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inferColumns mismatch (-want +got):\n%s", diff)
	}
}

func TestFieldToken(t *testing.T) {
	row := []string{"710807000", "108.0", "50"}
	tests := []struct {
		name string
		f    field
		want string
	}{
		{"padded code", field{Kind: fieldValue, Col: 0, Pad: 10}, "0710807000"},
		{"prefix of padded code", field{Kind: fieldPrefix, Col: 0, Len: 4, Pad: 10}, "0710"},
		{"normalised number", field{Kind: fieldValue, Col: 1}, "108"},
		{"band", field{Kind: fieldBand, Col: 1, Cuts: []float64{10, 100, 1000}}, "2"},
		{"ratio band", field{Kind: fieldRatio, Col: 1, Col2: 2, Cuts: []float64{0, 1}}, "1"},
		{"missing cell", field{Kind: fieldValue, Col: 7}, ""},
	}
	for _, tt := range tests {
		if got := tt.f.token(row); got != tt.want {
			t.Errorf("%s: token(%q) = %q, want %q", tt.name, row, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	for r := RoleAuto; r <= RoleDate; r++ {
		got, err := ParseRole(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v, want %v", r.String(), got, err, r)
		}
	}
	if _, err := ParseRole("colour"); err == nil {
		t.Errorf("ParseRole(colour) = nil error, want an error")
	}
}
