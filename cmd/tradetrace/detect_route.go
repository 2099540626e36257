package main

import (
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/detect/route/decl"
)

// routeStore is what the route detectors read: the declaration lines a query selects, buyers' histories, and
// the parties' appearances, goods mixes and hub edges.
type routeStore interface {
	decl.Lines
	redflag.Store
	front.Store
}

// routeDetectors returns the detectors of transshipment, chains, red flags and front companies (issue 5).
func routeDetectors(st routeStore) []detect.Detector {
	return []detect.Detector{
		route.Transshipment{Lines: st},
		route.Chain{Lines: st},
		redflag.RedFlags{Store: st, Lines: st},
		front.Fronts{Store: st},
	}
}
