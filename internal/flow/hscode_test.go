package flow_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
)

func TestHS6(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"87032410", "870324", true},
		{"851713", "851713", true},
		{"8517130000", "851713", true},
		{"8517", "", false},
		{flow.Total, "", false},
		{"27XXXXXX", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := flow.HS6(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("HS6(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for p, want := range map[flow.Period]string{
		flow.Month(2021, 12): "HS2017", flow.Month(2022, 1): "HS2022", flow.Year(2016): "HS2012",
		flow.Year(2010): "HS2007", flow.Year(2001): "HS2002", flow.Year(2017): "HS2017",
	} {
		if got := flow.Edition(p); got != want {
			t.Errorf("Edition(%v) = %s, want %s", p, got, want)
		}
	}
}

func TestToHS6(t *testing.T) {
	q := func(r flow.Record, kg float64) flow.Record {
		r.QuantityKg, r.HasQuantity = kg, true
		return r
	}
	// Drone parts: 8803.30 in HS2017 became 8807.30 in HS2022.
	hs2017to2022 := flow.EditionMap{From: "HS2017", Table: map[string]string{"880330": "880730"}}
	in := []flow.Record{
		q(rec("DE", "KG", flow.Export, "2021-03", "88033000", 10), 1),
		q(rec("DE", "KG", flow.Export, "2022-03", "88073000", 20), 2),
		q(rec("DE", "KG", flow.Export, "2022-03", "88073010", 5), 3), // same HS6 as the line above
		rec("DE", "KG", flow.Export, "2022-03", "88073090", 1),       // no quantity: the sum has none
		rec("DE", "AM", flow.Export, "2022-03", flow.Total, 7),
		q(rec("DE", "KG", flow.Export, "2021-03", "85171200", 4), 1),
	}
	tests := []struct {
		name string
		c    flow.Concordance
		want []flow.Record
	}{
		{"cut only", nil, []flow.Record{
			q(rec("DE", "KG", flow.Export, "2021-03", "880330", 10), 1),
			rec("DE", "KG", flow.Export, "2022-03", "880730", 26),
			rec("DE", "AM", flow.Export, "2022-03", flow.Total, 7),
			q(rec("DE", "KG", flow.Export, "2021-03", "851712", 4), 1),
		}},
		{"HS2017 to HS2022", hs2017to2022, []flow.Record{
			q(rec("DE", "KG", flow.Export, "2021-03", "880730", 10), 1),
			rec("DE", "KG", flow.Export, "2022-03", "880730", 26),
			rec("DE", "AM", flow.Export, "2022-03", flow.Total, 7),
			q(rec("DE", "KG", flow.Export, "2021-03", "851712", 4), 1),
		}},
		{"function", flow.ConcordanceFunc(func(code string, p flow.Period) string {
			if code == "851712" && flow.Edition(p) == "HS2017" {
				return "851713" // mobile phones: 8517.12 became 8517.13/8517.14 in HS2022
			}
			return code
		}), []flow.Record{
			q(rec("DE", "KG", flow.Export, "2021-03", "880330", 10), 1),
			rec("DE", "KG", flow.Export, "2022-03", "880730", 26),
			rec("DE", "AM", flow.Export, "2022-03", flow.Total, 7),
			q(rec("DE", "KG", flow.Export, "2021-03", "851713", 4), 1),
		}},
	}
	for _, tt := range tests {
		got := flow.ToHS6(in, tt.c)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ToHS6 mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if in[0].Code != "88033000" {
		t.Errorf("ToHS6 changed its input: %v", in[0])
	}
}
