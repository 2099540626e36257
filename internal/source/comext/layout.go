package comext

import (
	"fmt"
	"strings"
)

// Layout is a Eurostat Comext table layout, recognised from the header.
type Layout uint8

// Layouts read. All are long tables, one figure per row; they differ in column names, in how areas, flows
// and periods are written, and in whether they carry a flow and a commodity code.
const (
	LayoutUnknown Layout = iota
	// LongCN8 is a long-format extract by member state, partner, CN8 code and month:
	// reporter,partner,cn8,period,value_eur (vzemlys/ruimpeks). It has no flow column.
	LongCN8
	// Totals is a table of monthly totals by member state, partner and flow:
	// reporter_eu_member,partner,flow,period,value_eur,source_dir (mary-lev/eu-export-sanctions).
	Totals
	// Labelled is the layout of tables exported from Comext with labels:
	// REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR[,QUANTITY_IN_KG], periods as Y2022 or
	// M202203. National statistics reshaped to it read the same way (mary-lev's national_*_import_yearly.csv).
	Labelled
	// Bulk is the layout of Comext bulk downloads: DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW (1 import,
	// 2 export),PERIOD (YYYYMM, YYYY52 for the year),VALUE_IN_EUROS,QUANTITY_IN_KG, among other columns.
	Bulk
)

var layoutNames = [...]string{"unknown", "comext-long-cn8", "comext-totals", "comext-labelled", "comext-bulk"}

func (l Layout) String() string {
	if int(l) < len(layoutNames) {
		return layoutNames[l]
	}
	return "unknown"
}

type role uint8

const (
	roleReporter role = iota
	rolePartner
	roleCode
	roleFlow
	rolePeriod
	roleValue
	roleQuantity
	nRoles
)

var roleNames = [nRoles]string{"reporter", "partner", "code", "flow", "period", "value", "quantity"}

// aliases lists, for every role, the column names that carry it, preferred first (ISO codes before labels).
var aliases = [nRoles][]string{
	roleReporter: {"declarant_iso", "reporter_iso", "reporter", "reporter_eu_member", "declarant"},
	rolePartner:  {"partner_iso", "partner"},
	roleCode:     {"cn8", "product_nc", "product", "hs6", "cn", "code"},
	roleFlow:     {"flow", "trade_flow"},
	rolePeriod:   {"period", "time_period", "time"},
	roleValue:    {"value_eur", "value_in_eur", "value_in_euros", "value"},
	roleQuantity: {"quantity_kg", "quantity_in_kg"},
}

// columns maps every role to its column index, -1 when the table has none.
type columns [nRoles]int

func detect(header []string) (columns, Layout, error) {
	names := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := names[h]; !dup {
			names[h] = i
		}
	}
	var c columns
	for r := range c {
		c[r] = -1
		for _, a := range aliases[r] {
			if i, ok := names[a]; ok {
				c[r] = i
				break
			}
		}
	}
	for _, r := range []role{roleReporter, rolePartner, rolePeriod, roleValue} {
		if c[r] < 0 {
			return c, LayoutUnknown, fmt.Errorf("%w: no %s column in %q", ErrLayout, roleNames[r], header)
		}
	}
	has := func(n string) bool { _, ok := names[n]; return ok }
	l := Labelled
	switch {
	case has("declarant_iso") || has("product_nc"):
		l = Bulk
	case has("cn8"):
		l = LongCN8
	case has("reporter_eu_member") || has("source_dir"):
		l = Totals
	}
	return c, l, nil
}
