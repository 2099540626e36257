package country

import (
	"fmt"
	"slices"
	"sync"
)

// Hub is a country through which goods are known to be diverted to Russia and Belarus.
type Hub struct {
	Code Code
	Name string
	// InAlerts is true for the countries named in the joint FinCEN/BIS alerts of June 2022 and May 2023,
	// as summarised by S&P Global; the others (China, Hong Kong, Türkiye) are the hubs most cited in
	// public reporting.
	InAlerts bool
	// Cited is true for the hubs commonly cited in research and journalism.
	Cited bool
	// Notes says what evidence points at the country.
	Notes string
}

var hubs = sync.OnceValue(func() []Hub {
	h, err := loadHubs()
	if err != nil {
		panic(fmt.Sprintf("country: embedded data: %v", err))
	}
	return h
})

func loadHubs() ([]Hub, error) {
	rows, err := readCSV("data/countries_high_risk_transshipment.csv", true)
	if err != nil {
		return nil, err
	}
	col, err := columns(rows[0], []string{"iso2", "country", "listed_in_spglobal_summary_of_fincen_bis_alerts",
		"commonly_cited_hub_in_research", "notes"})
	if err != nil {
		return nil, fmt.Errorf("countries_high_risk_transshipment.csv: %w", err)
	}
	var out []Hub
	for _, r := range rows[1:] {
		c := Code(r[col["iso2"]])
		if !Known(c) {
			return nil, fmt.Errorf("countries_high_risk_transshipment.csv: unknown code %q", c)
		}
		out = append(out, Hub{
			Code:     c,
			Name:     Name(c),
			InAlerts: r[col["listed_in_spglobal_summary_of_fincen_bis_alerts"]] == "yes",
			Cited:    r[col["commonly_cited_hub_in_research"]] == "yes",
			Notes:    r[col["notes"]],
		})
	}
	return out, nil
}

// Hubs returns the transshipment hubs, in the order of the source file (the alerts' countries first).
func Hubs() []Hub { return slices.Clone(hubs()) }

// IsHub reports whether c is a transshipment hub.
func IsHub(c Code) bool {
	_, ok := HubOf(c)
	return ok
}

// HubOf returns the hub c, if c is one.
func HubOf(c Code) (Hub, bool) {
	hs := hubs()
	if i := slices.IndexFunc(hs, func(h Hub) bool { return h.Code == c }); i >= 0 {
		return hs[i], true
	}
	return Hub{}, false
}

// IsSanctionedDestination reports whether c is a destination that tradetrace watches for military and
// high-priority goods: Russia and Belarus, the two countries under the EU, US and UK export bans that the
// product is about. Other sanctioned countries (Iran, North Korea) are out of its scope.
func IsSanctionedDestination(c Code) bool { return c == "RU" || c == "BY" }
