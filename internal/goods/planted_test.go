package goods_test

import (
	"context"
	"strings"
	"testing"

	"tradetrace/internal/goods"
	"tradetrace/internal/sample/sampletest"
)

// plantedClass is what the goods of a planted line are, by event and HS heading: what an investigator would
// write down after reading the line, whatever code it was declared under.
func plantedClass(event, hs string) goods.Class {
	switch event {
	case "norinco-cq-a-rifles":
		return goods.ArmsMilitary // M16-pattern rifles, declared as hunting rifles
	case "dji-parts-via-uae":
		return goods.DroneParts // flight batteries and gimbal cameras
	case "mugin-5-drone", "bingo-zt-180":
		return goods.Drone // whole airframes, also when declared as kits or toys
	case "body-armour-december-2022":
		if strings.HasPrefix(hs, "6506") {
			return goods.ArmourHelmet
		}
		return goods.ArmourBody // vests, and plates declared as ceramics
	}
	switch hs[:4] {
	case "8542":
		return goods.ElectronicsIC
	case "8541":
		return goods.ElectronicsSemiconductor
	case "8411":
		return goods.EngineGasTurbine
	case "8525":
		return goods.OpticsThermal
	}
	return ""
}

// disguised says whether a planted line's description was written to hide its goods: armour plates as
// ceramics (6903, 6914), ballistic helmets as airsoft gear (6506), military drones as toys (9503) or as parts
// (8807).
func disguised(event, hs string) bool {
	var covers []string
	switch event {
	case "body-armour-december-2022":
		covers = []string{"6903", "6914", "6506"}
	case "bingo-zt-180":
		covers = []string{"9503", "8807"}
	}
	for _, c := range covers {
		if strings.HasPrefix(hs, c) {
			return true
		}
	}
	return false
}

// TestPlantedDescriptions reads the description of every planted line of a generated sample, alone (no code,
// brand or maker field), and checks the decided class: every planted seed event must be recognised for what its
// goods are, in the language its file is written in. Lines whose description was written to hide the goods
// (plates as ceramics, helmets as airsoft gear, drones as toys or parts) are checked only not to read as goods of
// another family.
func TestPlantedDescriptions(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and ingests a sample")
	}
	st, m, _ := sampletest.Store(t, 40000, 2023, 0)
	ctx := context.Background()
	checked := map[string]int{}
	disguisedN := 0
	for _, ev := range m.Events {
		for _, r := range ev.Records {
			want := plantedClass(ev.ID, r.HSCode)
			if want == "" {
				continue // other goods of the events (servers, switches, connectors): their class is not the story
			}
			ss, err := st.ShipmentsByRecordID(ctx, r.RecordID)
			if err != nil || len(ss) != 1 {
				t.Fatalf("%s: record %s: %d shipments, %v", ev.ID, r.RecordID, len(ss), err)
			}
			sh := ss[0]
			res := goods.Classify(sh.Description)
			if disguised(ev.ID, r.HSCode) {
				// The description was written to hide the goods and may read as what it claims; the
				// misdeclaration detector raises these lines from their model, maker and declaration (a sibling
				// line that reads as armour): internal/detect/misdeclared TestSample holds them to the top. Here
				// the reading must not point anywhere else: its decided class and its strongest controlled
				// reading are civilian or of the goods' family.
				fam := want.Family()
				if (res.Class != goods.Civilian && res.Class.Family() != fam) || (res.Military.Class != "" && res.Military.Class.Family() != fam) {
					t.Errorf("%s, %s: disguised %q reads as %s (strongest controlled reading %s), want civilian or %s goods",
						ev.ID, r.RecordID, sh.Description, res.Class, res.Military.Class, fam)
				}
				disguisedN++
				continue
			}
			if res.Class != want {
				t.Errorf("%s, %s (%s, HS %s): %q reads as %s, want %s\n%s", ev.ID, r.RecordID, r.FileKind, r.HSCode, ss[0].Description, res.Class, want, res.Explain())
			}
			checked[ev.ID]++
		}
	}
	for _, ev := range m.Events {
		if checked[ev.ID] == 0 {
			t.Errorf("event %s: no line checked", ev.ID)
		}
	}
	if disguisedN == 0 {
		t.Error("no disguised line among the planted ones: the sample no longer plants armour declared as ceramics or airsoft gear")
	}
	t.Logf("lines checked per event: %v; %d disguised lines left to the misdeclaration detector", checked, disguisedN)
}
