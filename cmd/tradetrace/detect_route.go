package main

import (
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/duckdb"
)

// routeDetectors returns the detectors of transshipment, chains, red flags and front companies (issue 5).
func routeDetectors(st *duckdb.DB) []detect.Detector {
	return []detect.Detector{
		route.Transshipment{Lines: st},
		route.Chain{Lines: st},
		redflag.RedFlags{Store: st, Lines: st},
		front.Fronts{Store: st},
	}
}
