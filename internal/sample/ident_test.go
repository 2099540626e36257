package sample

import (
	"testing"
)

func TestValidINN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"7718852163", true},   // Rosoboronexport, as published on the OFAC SDN list
		{"1835013146", true},   // Tekhkrim, same list
		{"7718852164", false},  // last digit changed
		{"500100732259", true}, // a 12-digit INN with both check digits right
		{"500100732258", false},
		{"771885216", false},   // too short
		{"77188521630", false}, // 11 digits
		{"77188521A3", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidINN(tt.in); got != tt.want {
			t.Errorf("ValidINN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Generated identifiers pass their validators; a wrong check digit always fails, and nearly every other
// single-digit slip is caught (the INN and BIN schemes let a few through by design: 10 and 0 share a check
// digit).
func TestMadeIdentifiersValid(t *testing.T) {
	r := newRNG(1)
	gens := []struct {
		name  string
		make  func() string
		valid func(string) bool
	}{
		{"INN10", func() string { return makeINN(r, "7701", false) }, ValidINN},
		{"INN12", func() string { return makeINN(r, "5406", true) }, ValidINN},
		{"BIN", func() string { return makeBIN(r, 15, 6) }, ValidBIN},
		{"VKN", func() string { return makeVKN(r) }, ValidVKN},
		{"USCC", func() string { return makeUSCC(r, "440300") }, ValidUSCC},
	}
	for _, g := range gens {
		caught, slips := 0, 0
		for i := 0; i < 300; i++ {
			id := g.make()
			if !g.valid(id) {
				t.Fatalf("%s: valid(%q) = false, want true", g.name, id)
			}
			last := []byte(id)
			last[len(last)-1] = nextChar(last[len(last)-1])
			if g.valid(string(last)) {
				t.Errorf("%s: valid(%q) = true with the check character changed (from %q), want false", g.name, last, id)
			}
			for pos := 0; pos < len(id)-1; pos++ {
				b := []byte(id)
				b[pos] = nextChar(b[pos])
				slips++
				if !g.valid(string(b)) {
					caught++
				}
			}
		}
		if rate := float64(caught) / float64(slips); rate < 0.9 {
			t.Errorf("%s: %.3f of single-character slips caught, want at least 0.9", g.name, rate)
		}
	}
}

func nextChar(c byte) byte {
	if c >= '0' && c <= '9' {
		return '0' + (c-'0'+1)%10
	}
	if c == 'Y' {
		return 'A'
	}
	return c + 1
}

func TestValidUSCCRejects(t *testing.T) {
	for _, in := range []string{"", "91440300", "91440300MA5XXXXXXX", "9144030012345678IO"} {
		if ValidUSCC(in) {
			t.Errorf("ValidUSCC(%q) = true, want false", in)
		}
	}
}
