package country

import (
	"strings"
	"testing"
)

func TestHubs(t *testing.T) {
	hs := Hubs()
	if len(hs) != 18 {
		t.Errorf("len(Hubs()) = %d, want 18 (the rows of countries_high_risk_transshipment.csv)", len(hs))
	}
	inAlerts := 0
	for _, h := range hs {
		if !Known(h.Code) || h.Name != Name(h.Code) {
			t.Errorf("hub %+v: unknown code or name", h)
		}
		if !IsHub(h.Code) {
			t.Errorf("IsHub(%q) = false for a listed hub", h.Code)
		}
		if h.InAlerts {
			inAlerts++
		}
	}
	if inAlerts != 15 {
		t.Errorf("hubs in the FinCEN/BIS alerts = %d, want 15", inAlerts)
	}
	for _, c := range []Code{"AE", "TR", "KZ", "KG", "AM", "GE", "UZ", "HK", "CN", "RS"} {
		if !IsHub(c) {
			t.Errorf("IsHub(%q) = false, want true", c)
		}
	}
	for _, c := range []Code{"RU", "BY", "DE", "US", Unknown, "ae"} {
		if IsHub(c) {
			t.Errorf("IsHub(%q) = true, want false", c)
		}
	}
	for _, h := range hs {
		if h.Code == "AE" && !strings.Contains(h.Notes, "DJI") {
			t.Errorf("UAE hub notes = %q, want the DJI route", h.Notes)
		}
		if h.Code == "TR" && (h.InAlerts || !h.Cited) {
			t.Errorf("Türkiye hub = %+v, want cited and not in the alerts", h)
		}
	}
	for _, h := range hs {
		if got, ok := HubOf(h.Code); !ok || got != h {
			t.Errorf("HubOf(%q) = %+v, %v; want %+v", h.Code, got, ok, h)
		}
	}
	if h, ok := HubOf("RU"); ok || h != (Hub{}) {
		t.Errorf("HubOf(RU) = %+v, %v; want no hub", h, ok)
	}
	hs[0].Code = "XX"
	if Hubs()[0].Code == "XX" {
		t.Error("Hubs() returns the package's own slice")
	}
}

func TestIsSanctionedDestination(t *testing.T) {
	for c, want := range map[Code]bool{"RU": true, "BY": true, "AE": false, "CN": false, "IR": false, Unknown: false, "ru": false} {
		if got := IsSanctionedDestination(c); got != want {
			t.Errorf("IsSanctionedDestination(%q) = %v, want %v", c, got, want)
		}
	}
}
