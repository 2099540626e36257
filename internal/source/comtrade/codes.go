package comtrade

import (
	"strconv"
	"strings"

	"tradetrace/internal/flow"
)

// specialCodes are Comtrade's reporter and partner codes that differ from ISO 3166 numeric codes, and its
// aggregates. Comtrade reports a few countries under codes of its own (France with Monaco 251, Norway with
// Svalbard 579, India 699, Switzerland with Liechtenstein 757, the USA with Puerto Rico and the US Virgin
// Islands 842), and Taiwan as "Other Asia, nes" (490).
var specialCodes = map[int]flow.Area{
	0:   flow.World,
	97:  flow.EUAny,
	251: "FR",
	579: "NO",
	699: "IN",
	757: "CH",
	842: "US",
	490: "TW",
}

// AreaOf resolves a Comtrade area: an ISO alpha-3 code ("RUS", "W00" for the world), a Comtrade numeric
// code ("643", "0", "842"), or a name ("Russian Federation"). Regions and the "nes" areas give false.
func AreaOf(s string) (flow.Area, bool) {
	t := strings.TrimSpace(s)
	if n, err := strconv.Atoi(t); err == nil {
		if a, ok := specialCodes[n]; ok {
			return a, true
		}
	}
	if l := strings.ToLower(t); strings.HasSuffix(l, " nes") || strings.HasSuffix(l, "n.e.s.") {
		if strings.EqualFold(t, "Other Asia, nes") {
			return "TW", true
		}
		return "", false
	}
	return flow.ParseArea(t)
}
