package listed

import (
	"strings"
	"testing"
	"time"

	"tradetrace/internal/hs"
	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// A listed party's goods of a controlled class raise its finding, the heavier the goods the more; ordinary goods
// and dual-use goods of the Common High Priority List leave the match's own score, and the evidence names them.
func TestListedGoodsRaiseTheScore(t *testing.T) {
	c := component{role: "consignee", names: []screened{{
		name: PartyName{Role: "consignee", Name: "OOO AEROMAKS", Country: "RU", Lines: 2},
		hits: []hit{{query: "OOO AEROMAKS", m: screen.Match{List: "eu_269", SourceID: "I/759", Caption: "LLC AEROMAKS",
			Topics: []trade.Topic{"sanction"}, Name: "LLC AEROMAKS", Score: names.Score{Value: 0.93, Threshold: 0.7}}}},
	}}}
	finding := func(codes ...string) trade.Finding {
		var b builder
		for i, c := range codes {
			s := trade.Shipment{ID: trade.ShipmentID(i + 1), RecordID: "R" + c, HS: hs.Code(c), Date: time.Date(2022, 9, 5, 0, 0, 0, 0, time.UTC)}
			b.add(&s)
		}
		return b.finding(c)
	}
	plain := finding("9403600000", "9403600000")  // wooden furniture
	chips := finding("9403600000", "8542310000")  // one line of integrated circuits (CHPL tier 1)
	drones := finding("8806240000", "8806240000") // unmanned aircraft
	tier4 := finding("8457100000")                // machining centres (CHPL tier 4)
	rifles := finding("9303300000")               // sporting and hunting rifles
	someDrones := finding("8806240000", "9403600000", "9403600000", "9403600000")
	if someDrones.Score <= plain.Score || someDrones.Score >= drones.Score {
		t.Errorf("one drone line in four: %.3f, want between furniture %.3f and drones %.3f", someDrones.Score, plain.Score, drones.Score)
	}
	if plain.Score <= 0 || chips.Score != plain.Score || tier4.Score != plain.Score || drones.Score <= plain.Score || rifles.Score <= drones.Score {
		t.Errorf("scores: furniture %.3f, tier 4 %.3f, chips %.3f, drones %.3f, rifles %.3f; want the first three equal, then rising",
			plain.Score, tier4.Score, chips.Score, drones.Score, rifles.Score)
	}
	if drones.Score >= 1 {
		t.Errorf("drones score %.3f, want below 1", drones.Score)
	}
	if strings.Contains(plain.Title, "controlled") || !strings.Contains(drones.Title, "2 of them Unmanned aircraft") {
		t.Errorf("titles: %q / %q", plain.Title, drones.Title)
	}
	var ev string
	for _, e := range chips.Evidence {
		if e.Label == "controlled goods" {
			ev = e.Value
		}
	}
	if !strings.Contains(ev, "1 of 2 lines") || !strings.Contains(ev, "8542310000") {
		t.Errorf("chips evidence %q, want the count and the code", ev)
	}
}
