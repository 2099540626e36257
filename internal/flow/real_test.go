package flow_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comext"
)

// The real Eurostat extracts live in the shared data folder beside the repository (see
// ../../../shared/data/SOURCES.md, section flows/). These tests pin the published direction and order of
// magnitude of the diversion: EU exports to Kyrgyzstan up about 345% in 2022 over 2021, to Armenia about 149%,
// to Russia down; the hubs making up only a small part of the fall.
const flowsDir = "../../../shared/data/flows"

func readReal(t *testing.T, rel string) []flow.Record {
	t.Helper()
	path := filepath.Join(flowsDir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real data not available: %v", err)
	}
	rs, st, err := comext.ReadFile(path, comext.Options{})
	if err != nil {
		t.Fatalf("comext.ReadFile(%s) error %v", rel, err)
	}
	if !st.Adds() || st.Records == 0 {
		t.Fatalf("comext.ReadFile(%s) stats %+v do not add up", rel, st)
	}
	return rs
}

func between(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s = %.3f, want in [%g, %g]", what, got, lo, hi)
	}
}

func hubOrder(r flow.SurgeReport) []flow.Area {
	var out []flow.Area
	for _, h := range r.Hubs {
		out = append(out, h.Partner)
	}
	return out
}

// The monthly totals of EU trade with Russia and the hubs, 2019-01 to 2024-08.
func TestRealSurgesTotals(t *testing.T) {
	rs := readReal(t, "mary-lev_eu-export-sanctions/eurostat_eu_member_trade_with_RU_KZ_KG_AM_UZ_GE_monthly_2019-2024.csv")
	rep, err := flow.Surges(rs, flow.SurgeOptions{})
	if err != nil {
		t.Fatalf("Surges error %v", err)
	}
	if rep.Year.Months != 12 || rep.Window.Months != 12 {
		t.Errorf("Surges compares %d calendar and %d window months, want 12 and 12", rep.Year.Months, rep.Window.Months)
	}
	// Published: EU exports to Kyrgyzstan +345% and to Armenia +149% in 2022 over 2021; to Russia down.
	kg, _ := rep.Hub("KG")
	am, _ := rep.Hub("AM")
	between(t, "KG 2022/2021 growth", kg.Year.Growth(), 2.5, 4.5)
	between(t, "AM 2022/2021 growth", am.Year.Growth(), 1.0, 2.0)
	between(t, "RU 2022/2021 growth", rep.Direct.Year.Growth(), -0.8, -0.2)
	between(t, "RU window growth", rep.Direct.Window.Growth(), -0.9, -0.2)
	for _, a := range []flow.Area{"KG", "AM", "KZ", "UZ", "GE"} {
		h, ok := rep.Hub(a)
		if !ok {
			t.Errorf("Hub(%s) missing from %v", a, hubOrder(rep))
			continue
		}
		between(t, string(a)+" window growth", h.Window.Growth(), 0.3, 10)
		between(t, string(a)+" year growth", h.Year.Growth(), 0.3, 10)
	}
	if got := hubOrder(rep); len(got) < 2 || got[0] != "KG" || got[1] != "AM" {
		t.Errorf("hubs by growth = %v, want Kyrgyzstan then Armenia first", got)
	}

	// The EU's own aggregate line equals the sum of its members: adding members does not double count.
	var members, aggregate float64
	eu := flow.EU27Bloc()
	for _, r := range rs {
		if r.Flow != flow.Export || r.Partner != "KG" || r.Period.Year != 2022 {
			continue
		}
		switch {
		case eu.Has(r.Reporter):
			members += r.Value
		case r.Reporter == flow.EU27:
			aggregate += r.Value
		}
	}
	between(t, "EU members / EU27 aggregate, exports to KG 2022", members/aggregate, 0.999, 1.001)
	between(t, "KG 2022 after", kg.Year.After/members, 0.999, 1.001)
}

// The CN8 extract of goods under EU export bans, 2020-01 to 2022-11: the goods the sanctions cover.
func TestRealSurgesCN8(t *testing.T) {
	rs := readReal(t, "vzemlys_ruimpeks/comext_eu_exports_cn8_sanctioned_to_RU_BY_AM_GE_KZ_KG_UZ_monthly_2020-01_2022-11.csv.gz")
	if len(rs) < 900_000 {
		t.Fatalf("read %d records, want the ~1M rows of the extract", len(rs))
	}
	rep, err := flow.Surges(rs, flow.SurgeOptions{})
	if err != nil {
		t.Fatalf("Surges error %v", err)
	}
	if got := rep.Window.Span.String(); got != "2022-03..2022-11" {
		t.Errorf("window = %s, want 2022-03..2022-11 (the extract ends in November 2022)", got)
	}
	between(t, "RU window growth", rep.Direct.Window.Growth(), -0.95, -0.4)
	kg, _ := rep.Hub("KG")
	am, _ := rep.Hub("AM")
	between(t, "KG window growth (several-fold)", kg.Window.Growth(), 2.5, 15)
	between(t, "AM window growth (more than doubling)", am.Window.Growth(), 1.0, 8)
	offsets := 0.0
	for _, a := range []flow.Area{"KG", "AM", "KZ", "UZ", "GE"} {
		h, ok := rep.Hub(a)
		if !ok {
			t.Fatalf("Hub(%s) missing from %v", a, hubOrder(rep))
		}
		between(t, string(a)+" window growth", h.Window.Growth(), 0.3, 15)
		offsets += h.Offset
		if len(h.Drivers) == 0 {
			t.Errorf("%s has no drivers", a)
		}
		for _, d := range h.Drivers {
			if d.Delta() <= 0 || d.Share <= 0 || d.Share > 1 {
				t.Errorf("%s driver %+v: want a positive increase and share in (0, 1]", a, d)
			}
		}
	}
	// The hubs make up only a small part of the fall of direct exports.
	between(t, "sum of hub offsets", offsets, 0.02, 0.6)
	if got := hubOrder(rep); len(got) < 2 || got[0] != "KG" || got[1] != "AM" {
		t.Errorf("hubs by growth = %v, want Kyrgyzstan then Armenia first", got)
	}
	// Cars drive the Kyrgyz surge; phones and computers the Armenian one; the direct flow of those cars fell.
	if !anyDriver(kg.Drivers[:3], "87") {
		t.Errorf("KG top drivers %v: want a vehicle (chapter 87) among the first three", kg.Drivers[:3])
	}
	if !anyDriver(am.Drivers[:3], "8517", "8471") {
		t.Errorf("AM top drivers %v: want phones (8517) or computers (8471) among the first three", am.Drivers[:3])
	}
	if d := kg.Drivers[0]; d.DirectAfter >= d.DirectBefore {
		t.Errorf("KG top driver %+v: want its direct flow to Russia to have fallen", d)
	}
	var b strings.Builder
	if err := flow.WriteSurges(&b, rep, 3); err != nil {
		t.Fatalf("WriteSurges error %v", err)
	}
	for _, want := range []string{"RU (direct)", "\nKG ", "\nAM ", "\nKZ ", "\nGE ", "\nUZ "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("WriteSurges output lacks %q:\n%s", want, b.String())
		}
	}
}

func anyDriver(ds []flow.Driver, prefixes ...string) bool {
	return slices.ContainsFunc(ds, func(d flow.Driver) bool {
		return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(d.Code, p) })
	})
}

// EU exports as Eurostat declares them against the hubs' national import statistics.
func TestRealMirrorGaps(t *testing.T) {
	dir := "mary-lev_eu-export-sanctions/"
	rs := readReal(t, dir+"eurostat_eu_member_trade_with_RU_KZ_KG_AM_UZ_GE_monthly_2019-2024.csv")
	for _, f := range []string{"armenia", "kazakhstan", "kyrgyz", "uzbek"} {
		rs = append(rs, readReal(t, dir+"national_"+f+"_import_yearly.csv")...)
	}
	gaps := flow.MirrorGaps(rs, flow.MirrorOptions{Bloc: flow.EU27Bloc(), Exporters: []flow.Area{flow.EU27}})
	ratio := make(map[flow.Area]map[int]float64)
	for _, g := range gaps {
		if ratio[g.Importer] == nil {
			ratio[g.Importer] = make(map[int]float64)
		}
		ratio[g.Importer][g.Year] = g.Ratio
		if g.Year <= 2022 && !g.HasAggregate {
			t.Errorf("%s %d: want the importer's own EU total beside the members' sum", g.Importer, g.Year)
		}
	}
	// Before the war EU exports and the hubs' imports from the EU roughly agree (CIF/FOB and origin versus
	// destination keep them within a few tens of per cent).
	for _, a := range []flow.Area{"AM", "KZ", "KG", "UZ"} {
		between(t, string(a)+" mirror ratio 2021", ratio[a][2021], 0.6, 1.4)
	}
	// After: EU exports declared for Kyrgyzstan and Kazakhstan that their import statistics do not show.
	between(t, "KG mirror ratio 2022", ratio["KG"][2022], 1.8, 5)
	for _, a := range []flow.Area{"KG", "KZ", "AM"} {
		if ratio[a][2022] <= ratio[a][2021] {
			t.Errorf("%s mirror ratio 2022 = %.2f, want above 2021's %.2f", a, ratio[a][2022], ratio[a][2021])
		}
	}
}
