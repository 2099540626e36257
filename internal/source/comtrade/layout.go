package comtrade

import (
	"fmt"
	"strings"
)

// The layout of UN Comtrade data files, as the Comtrade+ API (v1) and its bulk downloads write them: one row
// per reporter, flow, partner, second partner, commodity, customs procedure and mode of transport, with the
// columns
//
//	typeCode freqCode refPeriodId refYear refMonth period reporterCode reporterISO reporterDesc flowCode
//	flowDesc partnerCode partnerISO partnerDesc partner2Code partner2ISO partner2Desc classificationCode
//	classificationSearchCode isOriginalClassification cmdCode cmdDesc aggrLevel isLeaf customsCode customsDesc
//	mosCode motCode motDesc qtyUnitCode qtyUnitAbbr qty isQtyEstimated altQtyUnitCode altQtyUnitAbbr altQty
//	isAltQtyEstimated netWgt isNetWgtEstimated grossWgt isGrossWgtEstimated cifvalue fobvalue primaryValue
//	legacyEstimationFlag isReported isAggregate
//
// comma- or tab-separated. Bulk files leave out the ISO and description columns; the reader needs only some
// of the columns and finds them by name. The legacy Comtrade CSV ("Reporter Code", "Trade Flow Code",
// "Commodity Code", "Trade Value (US$)", "Netweight (kg)" …) reads too, since names are compared without case,
// spaces or punctuation.

type role uint8

const (
	roleReporterISO role = iota
	roleReporterCode
	roleReporterDesc
	rolePartnerISO
	rolePartnerCode
	rolePartnerDesc
	rolePartner2Code
	roleFlowCode
	roleFlowDesc
	rolePeriod
	roleRefYear
	roleRefMonth
	roleCmdCode
	roleCustomsCode
	roleMotCode
	roleNetWgt
	rolePrimaryValue
	nRoles
)

// aliases are the column names of each role, folded (lower case, letters and digits only), preferred first.
var aliases = [nRoles][]string{
	roleReporterISO:  {"reporteriso"},
	roleReporterCode: {"reportercode"},
	roleReporterDesc: {"reporterdesc", "reporter"},
	rolePartnerISO:   {"partneriso"},
	rolePartnerCode:  {"partnercode"},
	rolePartnerDesc:  {"partnerdesc", "partner"},
	rolePartner2Code: {"partner2code"},
	roleFlowCode:     {"flowcode", "tradeflowcode"},
	roleFlowDesc:     {"flowdesc", "tradeflow"},
	rolePeriod:       {"period"},
	roleRefYear:      {"refyear", "year"},
	roleRefMonth:     {"refmonth"},
	roleCmdCode:      {"cmdcode", "commoditycode"},
	roleCustomsCode:  {"customscode"},
	roleMotCode:      {"motcode"},
	roleNetWgt:       {"netwgt", "netweightkg"},
	rolePrimaryValue: {"primaryvalue", "tradevalueus", "tradevalue"},
}

type columns [nRoles]int

func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimPrefix(s, "\ufeff")) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func detect(header []string) (columns, error) {
	names := make(map[string]int, len(header))
	for i, h := range header {
		if f := fold(h); f != "" {
			if _, dup := names[f]; !dup {
				names[f] = i
			}
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
	missing := func(what string, rs ...role) error {
		for _, r := range rs {
			if c[r] >= 0 {
				return nil
			}
		}
		return fmt.Errorf("%w: no %s column in %q", ErrLayout, what, header)
	}
	for _, err := range []error{
		missing("reporter", roleReporterISO, roleReporterCode, roleReporterDesc),
		missing("partner", rolePartnerISO, rolePartnerCode, rolePartnerDesc),
		missing("flow", roleFlowCode, roleFlowDesc),
		missing("period", rolePeriod, roleRefYear),
		missing("commodity", roleCmdCode),
		missing("value", rolePrimaryValue),
	} {
		if err != nil {
			return c, err
		}
	}
	return c, nil
}
