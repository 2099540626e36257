package flow_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
)

// passFixture: Kyrgyzstan reports its imports and its exports to Russia; Armenia reports nothing, so its sides
// come from Germany's exports to it and Russia's imports from it.
func passFixture() []flow.Record {
	X, M := flow.Export, flow.Import
	return []flow.Record{
		rec("KG", "DE", M, "2022", "851713", 100),
		rec("KG", "CN", M, "2022", "851713", 50),
		rec("KG", flow.World, M, "2022", "851713", 150), // aggregate: its parts count
		rec("KG", "RU", M, "2022", "851713", 30),        // from the target: not an input to re-export
		rec("KG", "RU", X, "2022", "851713", 140),
		rec("KG", "DE", M, "2022", "870323", 100),
		rec("KG", "RU", X, "2022", "870323", 10),
		rec("DE", "AM", X, "2022-03", "851713", 40),
		rec("DE", "AM", X, "2022-04", "851713", 40),
		rec("RU", "AM", M, "2022", "851713", 90),
		rec("GE", "DE", M, "2022", "851713", 70),  // no flow to the target: left out
		rec("DE", "KG", X, "2022", "851713", 999), // KG reports its imports itself: the mirror is not used
	}
}

func TestPassThroughs(t *testing.T) {
	kg := flow.PassThrough{Hub: "KG", Code: "851713", Year: 2022, Currency: flow.EUR, Imports: 150,
		ImportMonths: 12, ToTarget: 140, TargetMonths: 12, Ratio: 140.0 / 150, Match: true}
	kgCars := flow.PassThrough{Hub: "KG", Code: "870323", Year: 2022, Currency: flow.EUR, Imports: 100,
		ImportMonths: 12, ToTarget: 10, TargetMonths: 12, Ratio: 0.1}
	am := flow.PassThrough{Hub: "AM", Code: "851713", Year: 2022, Currency: flow.EUR, Imports: 80,
		ImportsFrom: flow.Mirror, ImportMonths: 2, ToTarget: 90, ToTargetFrom: flow.Mirror, TargetMonths: 12,
		Ratio: 90.0 / 80, Match: true}
	kgEU := kg
	kgEU.Imports, kgEU.Ratio, kgEU.Match = 100, 1.4, false
	tests := []struct {
		name string
		opt  flow.PassThroughOptions
		want []flow.PassThrough
	}{
		{"all hubs", flow.PassThroughOptions{}, []flow.PassThrough{am, kg, kgCars}},
		{"from the EU", flow.PassThroughOptions{Origins: flow.EU27Bloc(), Hubs: []flow.Area{"KG"}},
			[]flow.PassThrough{kgEU, kgCars}},
		{"min value", flow.PassThroughOptions{MinValue: 95}, []flow.PassThrough{kg, kgCars}},
		{"tight", flow.PassThroughOptions{Tolerance: 0.05, Hubs: []flow.Area{"KG"}},
			[]flow.PassThrough{func() flow.PassThrough { p := kg; p.Match = false; return p }(), kgCars}},
	}
	for _, tt := range tests {
		got := flow.PassThroughs(passFixture(), tt.opt)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: PassThroughs mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if s := flow.Mirror.String(); s != "mirror" {
		t.Errorf("Mirror.String() = %q, want mirror", s)
	}
}
