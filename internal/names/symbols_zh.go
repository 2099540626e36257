package names

// Chinese words of company names and the organisation symbols of symbols.yml they translate, beyond those
// symbols.yml lists itself: a Chinese name's trade words then align with the English name's ("进出口" ~
// "Import", "电子" ~ "Electronics"). Written for this package from common dictionary meanings.
var zhSymbols = map[string][]string{
	"进出口": {"import", "export"}, "進出口": {"import", "export"}, "出口": {"export"}, "进口": {"import"},
	"電子": {"electronic"}, "电子": {"electronic"}, "实业": {"industry"}, "實業": {"industry"}, "工业": {"industry"},
	"工業": {"industry"}, "集团": {"grp"}, "集團": {"grp"}, "控股": {"holding"}, "投资": {"investment"},
	"投資": {"investment"}, "发展": {"dev"}, "發展": {"dev"}, "设备": {"equipment"}, "設備": {"equipment"},
	"物流": {"logistics"}, "航空": {"aviation"}, "机械": {"machine"}, "機械": {"machine"},
	"制造": {"manufacturing"}, "製造": {"manufacturing"}, "工程": {"eng"}, "能源": {"energy"}, "银行": {"bank"},
	"銀行": {"bank"}, "化工": {"chemical"}, "电器": {"electric"}, "電器": {"electric"}, "通信": {"comms"},
	"运输": {"transport"}, "運輸": {"transport"}, "船舶": {"shipping"}, "航运": {"shipping"}, "汽车": {"auto"},
	"汽車": {"auto"}, "医药": {"pharmacy"}, "醫藥": {"pharmacy"}, "矿业": {"mining"}, "礦業": {"mining"},
	"石油": {"oil"}, "钢铁": {"steel"}, "鋼鐵": {"steel"}, "建设": {"construction"}, "建設": {"construction"},
	"研究所": {"research", "institute"}, "研究院": {"research", "institute"}, "国防": {"defence"},
	"國防": {"defence"}, "军工": {"military"}, "軍工": {"military"}, "科技": {"tech"}, "技术": {"tech"},
	"技術": {"tech"}, "贸易": {"trade"}, "貿易": {"trade"}, "国际": {"intl"}, "國際": {"intl"},
}

// addZhSymbols registers the Chinese trade words as multi-syllable organisation symbols.
func (d *data) addZhSymbols() {
	for zh, ids := range zhSymbols {
		ws := wordTexts(zh)
		cur := d.orgSymbols.m[joinTexts(ws)]
		for _, id := range ids {
			if !contains(cur, id) {
				cur = append(cur, id)
			}
		}
		d.orgSymbols.add(ws, cur, true)
	}
}

func joinTexts(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}
