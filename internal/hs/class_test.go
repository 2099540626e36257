package hs

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// taxonomy is the shared list of class IDs that other packages use.
var taxonomy = []string{
	"arms.military", "arms.revolver_pistol", "arms.sporting_hunting", "arms.other", "arms.parts",
	"arms.ammunition", "arms.bladed", "armour.body", "armour.helmet", "vehicle.military", "vessel.military",
	"aircraft", "drone", "drone.parts", "optics.thermal", "optics.night_vision", "optics.weapon_sight",
	"navigation", "radar", "comms.radio", "engine.gas_turbine", "engine.other", "machine_tool",
	"electronics.ic", "electronics.semiconductor", "electronics.other", "bearing", "explosives",
	"chemicals.precursor", "civilian",
}

func TestAllClasses(t *testing.T) {
	var ids []string
	for _, c := range AllClasses() {
		ids = append(ids, c.ID)
		if c.Name == "" || c.Description == "" {
			t.Errorf("class %s has no name or description", c.ID)
		}
		if got, ok := Class(c.ID); !ok || got != c {
			t.Errorf("Class(%q) = %+v, %v, want %+v", c.ID, got, ok, c)
		}
	}
	if diff := cmp.Diff(taxonomy, ids); diff != "" {
		t.Errorf("AllClasses() IDs differ from the shared taxonomy (-want +got):\n%s", diff)
	}
	if _, ok := Class("arms"); ok {
		t.Error(`Class("arms") found, want no such class`)
	}
	for id, want := range map[string]bool{"arms.sporting_hunting": true, "armour.body": true, "vessel.military": true,
		"drone": false, "optics.thermal": false, "civilian": false} {
		if c, _ := Class(id); c.Military != want {
			t.Errorf("Class(%q).Military = %v, want %v", id, c.Military, want)
		}
	}
}

// TestClassRules checks every rule of classes.csv: its prefix is a code of HS2022, or of HS2017 for the
// codes kept for older declarations, and some code reaches it.
func TestClassRules(t *testing.T) {
	hs2017only := []Code{"852580", "854140", "854890", "8803"}
	for p, ms := range classes().rules {
		if !Exists(p) && !slices.Contains(hs2017only, p) {
			t.Errorf("classes.csv: prefix %s is not an HS2022 code", p)
		}
		if got := Classes(p); len(got) != len(ms) || got[0].Prefix != p {
			t.Errorf("Classes(%q) = %v, want the rules of %s", p, got, p)
		}
		for i := 1; i < len(ms); i++ {
			if ms[i-1].Weight < ms[i].Weight {
				t.Errorf("Classes(%q) not strongest first", p)
			}
		}
	}
}

func TestClasses(t *testing.T) {
	type m struct {
		id     string
		kind   MatchKind
		prefix Code
	}
	tests := []struct {
		c        Code
		want     []m
		military bool
	}{
		// The seed case's codes.
		{"9303200000", []m{{"arms.sporting_hunting", KindIs, "9303"}}, true},
		{"930110", []m{{"arms.military", KindIs, "9301"}}, true},
		{"88062400", []m{{"drone", KindIs, "8806"}}, false},
		{"8807300000", []m{{"drone.parts", KindIncludes, "880730"}}, false},
		{"8507600000", []m{{"drone.parts", KindHides, "850760"}}, false},
		{"852589", []m{{"electronics.other", KindIncludes, "852589"}, {"optics.thermal", KindIncludes, "852589"}, {"drone.parts", KindHides, "852589"}}, false},
		{"8411120000", []m{{"engine.gas_turbine", KindIs, "8411"}}, false},
		{"8542310000", []m{{"electronics.ic", KindIs, "8542"}}, false},
		// Military by code.
		{"93", []m{{"arms.other", KindIs, "93"}}, true},
		{"9306", []m{{"arms.ammunition", KindIs, "9306"}}, true},
		{"8710000000", []m{{"vehicle.military", KindIs, "8710"}}, true},
		{"890610", []m{{"vessel.military", KindIs, "890610"}}, true},
		{"890690", nil, false},
		// Armour and helmets: only hints.
		{"6211330000", []m{{"armour.body", KindHides, "621133"}}, false},
		{"621143", []m{{"armour.body", KindHides, "621143"}}, false},
		{"6307909800", []m{{"armour.body", KindHides, "630790"}}, false},
		{"690390", []m{{"armour.body", KindHides, "6903"}}, false},
		{"6506100000", []m{{"armour.helmet", KindIncludes, "650610"}}, false},
		{"650699", nil, false},
		// Most specific wins: 8525.60 transceivers are not the heading's electronics.
		{"852560", []m{{"comms.radio", KindIs, "852560"}}, false},
		{"852510", []m{{"electronics.other", KindIncludes, "8525"}}, false},
		{"852610", []m{{"radar", KindIs, "852610"}}, false},
		{"852691", []m{{"navigation", KindIs, "852691"}}, false},
		{"901380", []m{{"optics.night_vision", KindIncludes, "901380"}, {"optics.thermal", KindIncludes, "901380"}, {"optics.weapon_sight", KindIncludes, "901380"}}, false},
		{"845811", []m{{"machine_tool", KindIs, "8458"}}, false},
		{"848210", []m{{"bearing", KindIs, "8482"}}, false},
		{"3605", []m{{"civilian", KindIs, "3605"}}, false},
		{"360200", []m{{"explosives", KindIs, "3602"}}, false},
		// Civilian goods and non-codes.
		{"0101210000", nil, false},
		{"6109100000", nil, false},
		{"", nil, false},
		{"9", nil, false},
	}
	for _, tt := range tests {
		var got []m
		for _, c := range Classes(tt.c) {
			got = append(got, m{c.ID, c.Kind, c.Prefix})
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(m{})); diff != "" {
			t.Errorf("Classes(%q) mismatch (-want +got):\n%s", tt.c, diff)
		}
		if got := Military(tt.c); got != tt.military {
			t.Errorf("Military(%q) = %v, want %v", tt.c, got, tt.military)
		}
	}
}

func TestClassesCopy(t *testing.T) {
	a := Classes("8542")
	a[0].Weight = 0
	if Classes("8542")[0].Weight != 1 {
		t.Error("Classes returns the package's own slice")
	}
}

// ReadClasses gives what Classes gives, without the copy.
func TestReadClasses(t *testing.T) {
	for _, c := range []Code{"8542", "854231", "930200", "6506100000", "0101", "", "9"} {
		if got, want := ReadClasses(c), Classes(c); !slices.Equal(got, want) {
			t.Errorf("ReadClasses(%q) = %v, want Classes' %v", c, got, want)
		}
	}
	if len(ReadClasses("8542")) == 0 {
		t.Error("ReadClasses(8542) is empty")
	}
}

func TestRules(t *testing.T) {
	rules := Rules()
	if len(rules) == 0 {
		t.Fatal("Rules() is empty")
	}
	for _, r := range rules {
		found := false
		for _, m := range Classes(r.Prefix) {
			if m.ID == r.ID {
				found = true
			}
		}
		if !found {
			t.Errorf("rule %s → %s: Classes(%s) does not return the class", r.Prefix, r.ID, r.Prefix)
		}
	}
}
