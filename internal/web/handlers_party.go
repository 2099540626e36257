package web

// The party pages: a party's profile, its shipment lines and its network of trading partners.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/duckdb"
)

// PartyPage is a party's profile.
type PartyPage struct {
	Party          *duckdb.WebParty         `json:"party"`
	Variants       []map[string]any         `json:"-"`
	Identifiers    []any                    `json:"-"`
	Addresses      []any                    `json:"-"`
	Matches        []map[string]any         `json:"-"`
	Months         []duckdb.WebMonth        `json:"months"`
	Counterparties []duckdb.WebCounterparty `json:"counterparties"`
	Shipments      []duckdb.WebShipmentRow  `json:"shipments"`
	Paging         Paging                   `json:"paging"`
	Findings       []duckdb.WebFinding      `json:"findings"`
	Cases          []duckdb.WebCase         `json:"cases"`
	RiskFactors    []string                 `json:"risk_factors"`
	Items          []duckdb.WebCounterparty `json:"-"`
	Links          map[string]string        `json:"links"`
}

func (s *Server) partyRef(r *http.Request) (duckdb.WebPartyRef, error) {
	ref, err := duckdb.ParseWebPartyRef(r.PathValue("id"))
	if err != nil {
		return ref, badRequest{err.Error()}
	}
	return ref, nil
}

func (s *Server) party(w http.ResponseWriter, r *http.Request) {
	ref, err := s.partyRef(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	ctx := r.Context()
	pty, err := s.store.WebParty(ctx, ref)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &PartyPage{Party: pty, Findings: []duckdb.WebFinding{}, Cases: []duckdb.WebCase{}}
	json.Unmarshal(pty.Variants, &pg.Variants)
	json.Unmarshal(pty.Identifiers, &pg.Identifiers)
	json.Unmarshal(pty.Addresses, &pg.Addresses)
	json.Unmarshal(pty.Matches, &pg.Matches)
	p := Paging{Limit: 25}
	act, err := s.store.WebPartyActivity(ctx, ref, 25, p.Limit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg.Months, pg.Counterparties, pg.Items, pg.Shipments = act.Months, act.Counterparties, act.Counterparties, act.Latest
	pg.Paging = p.done(act.Lines > p.Limit)
	nameSet := []string{pty.Name}
	for _, v := range pg.Variants {
		if n, ok := v["name"].(string); ok && n != "" && !slices.Contains(nameSet, n) && len(nameSet) < 20 {
			nameSet = append(nameSet, n)
		}
	}
	fx, err := s.findingIndex(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg.Findings, _, err = s.store.WebFindings(ctx, duckdb.WebFindingQuery{IDs: fx.byNames(nameSet, 50), Ordered: true, Limit: 50, Brief: brief(r)})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if ref.Name == "" {
		pg.Cases, _, err = s.store.WebCases(ctx, duckdb.WebCaseQuery{PartyID: ref.ID, Limit: 50, Brief: brief(r)})
		if err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	if len(pg.Matches) > 0 {
		pg.RiskFactors = append(pg.RiskFactors, fmt.Sprintf("%d list match(es)", len(pg.Matches)))
	}
	if len(pg.Findings) > 0 {
		pg.RiskFactors = append(pg.RiskFactors, fmt.Sprintf("%d finding(s), best score %.2f", len(pg.Findings), pg.Findings[0].Score))
	}
	var hubLines, sanct int
	for _, sh := range pg.Shipments {
		if country.IsSanctionedDestination(country.Code(sh.Destination)) {
			sanct++
		}
		if sh.Dispatch != sh.Origin && country.IsHub(country.Code(sh.Dispatch)) {
			hubLines++
		}
	}
	if sanct > 0 {
		pg.RiskFactors = append(pg.RiskFactors, fmt.Sprintf("%d of its latest %d lines go to Russia or Belarus", sanct, len(pg.Shipments)))
	}
	if hubLines > 0 {
		pg.RiskFactors = append(pg.RiskFactors, fmt.Sprintf("%d of its latest %d lines are dispatched through a transshipment hub", hubLines, len(pg.Shipments)))
	}
	id := url.PathEscape(pty.Ref)
	pg.Links = map[string]string{
		"report":  "/parties/" + id + "/report",
		"graphml": "/parties/" + id + "/network.graphml",
		"gexf":    "/parties/" + id + "/network.gexf",
		"network": "/api/v1/parties/" + id + "/network?hops=2",
		"csv":     "/api/v1/parties/" + id + "/shipments?format=csv&limit=500",
		"xlsx":    "/parties/" + id + "/shipments?format=xlsx",
	}
	s.respond(w, r, "party", pty.Name, pg)
}

// PartyShipmentsPage pages a party's shipment lines.
type PartyShipmentsPage struct {
	Party  *duckdb.WebParty        `json:"party"`
	Role   string                  `json:"role"`
	Items  []duckdb.WebShipmentRow `json:"items"`
	Paging Paging                  `json:"paging"`
}

func (s *Server) partyShipments(w http.ResponseWriter, r *http.Request) {
	ref, err := s.partyRef(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	p, err := paging(r, 50, 1000)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	role := r.URL.Query().Get("role")
	if role != "" && role != "shipper" && role != "consignee" {
		s.failErr(w, r, badRequest{fmt.Sprintf("role %q: want shipper or consignee", role)})
		return
	}
	pty, err := s.store.WebParty(r.Context(), ref)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	items, more, err := s.store.WebPartyShipments(r.Context(), ref, role, p.Offset, p.Limit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, "party_shipments", pty.Name+" — shipments", &PartyShipmentsPage{Party: pty, Role: role, Items: items, Paging: p.done(more)})
}

func (s *Server) partyNetwork(w http.ResponseWriter, r *http.Request) {
	ref, err := s.partyRef(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	hops := 2
	if v := r.URL.Query().Get("hops"); v != "" {
		if hops, err = strconv.Atoi(v); err != nil || hops < 1 || hops > 2 {
			s.failErr(w, r, badRequest{fmt.Sprintf("hops %q: want 1 or 2", v)})
			return
		}
	}
	perHop := 8
	if v := r.URL.Query().Get("limit"); v != "" {
		if perHop, err = strconv.Atoi(v); err != nil || perHop < 1 || perHop > 25 {
			s.failErr(w, r, badRequest{fmt.Sprintf("limit %q: want 1 to 25 partners per party", v)})
			return
		}
	}
	key := fmt.Sprintf("net|%s|%d|%d", ref, hops, perHop)
	v, err := s.cachedValue(r.Context(), key, time.Minute, func(ctx context.Context) (any, error) {
		return s.store.WebPartyNetwork(ctx, ref, hops, perHop)
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, "", "", v)
}
