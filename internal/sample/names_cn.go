package sample

import (
	"strconv"
	"strings"
)

// Chinese and Hong Kong companies: a city, a trade name (字号), an industry and a legal form, in Chinese
// characters and in the pinyin-and-English forms foreign data shows.

type zhWord struct{ zh, py string }

var (
	cnCities = []struct {
		zh, en, province, region string
		districts                []zhWord
		w                        float64
	}{
		{"深圳市", "SHENZHEN", "GUANGDONG", "440300", []zhWord{{"福田区", "FUTIAN"}, {"南山区", "NANSHAN"}, {"宝安区", "BAOAN"}, {"龙岗区", "LONGGANG"}, {"龙华区", "LONGHUA"}}, 20},
		{"广州市", "GUANGZHOU", "GUANGDONG", "440100", []zhWord{{"白云区", "BAIYUN"}, {"天河区", "TIANHE"}, {"番禺区", "PANYU"}}, 12},
		{"义乌市", "YIWU", "ZHEJIANG", "330782", []zhWord{{"稠城街道", "CHOUCHENG"}, {"福田街道", "FUTIAN"}}, 10},
		{"宁波市", "NINGBO", "ZHEJIANG", "330200", []zhWord{{"鄞州区", "YINZHOU"}, {"北仑区", "BEILUN"}}, 7},
		{"上海市", "SHANGHAI", "", "310115", []zhWord{{"浦东新区", "PUDONG NEW"}, {"闵行区", "MINHANG"}, {"松江区", "SONGJIANG"}}, 8},
		{"东莞市", "DONGGUAN", "GUANGDONG", "441900", []zhWord{{"长安镇", "CHANG'AN TOWN"}, {"虎门镇", "HUMEN TOWN"}}, 6},
		{"杭州市", "HANGZHOU", "ZHEJIANG", "330100", []zhWord{{"滨江区", "BINJIANG"}, {"萧山区", "XIAOSHAN"}}, 5},
		{"厦门市", "XIAMEN", "FUJIAN", "350200", []zhWord{{"湖里区", "HULI"}, {"思明区", "SIMING"}}, 4},
		{"青岛市", "QINGDAO", "SHANDONG", "370200", []zhWord{{"黄岛区", "HUANGDAO"}, {"城阳区", "CHENGYANG"}}, 5},
		{"天津市", "TIANJIN", "", "120116", []zhWord{{"滨海新区", "BINHAI NEW"}}, 4},
		{"北京市", "BEIJING", "", "110108", []zhWord{{"海淀区", "HAIDIAN"}, {"朝阳区", "CHAOYANG"}}, 4},
		{"苏州市", "SUZHOU", "JIANGSU", "320500", []zhWord{{"工业园区", "INDUSTRIAL PARK"}, {"吴中区", "WUZHONG"}}, 4},
		{"佛山市", "FOSHAN", "GUANGDONG", "440600", []zhWord{{"南海区", "NANHAI"}, {"顺德区", "SHUNDE"}}, 5},
		{"温州市", "WENZHOU", "ZHEJIANG", "330300", []zhWord{{"鹿城区", "LUCHENG"}}, 3},
		{"西安市", "XI'AN", "SHAANXI", "610100", []zhWord{{"雁塔区", "YANTA"}, {"高新区", "HI-TECH ZONE"}}, 2},
		{"成都市", "CHENGDU", "SICHUAN", "510100", []zhWord{{"武侯区", "WUHOU"}}, 2},
		{"武汉市", "WUHAN", "HUBEI", "420100", []zhWord{{"江汉区", "JIANGHAN"}}, 2},
		{"大连市", "DALIAN", "LIAONING", "210200", []zhWord{{"甘井子区", "GANJINGZI"}}, 2},
		{"郑州市", "ZHENGZHOU", "HENAN", "410100", []zhWord{{"金水区", "JINSHUI"}}, 2},
		{"乌鲁木齐市", "URUMQI", "XINJIANG", "650100", []zhWord{{"新市区", "XINSHI"}}, 2},
		{"哈尔滨市", "HARBIN", "HEILONGJIANG", "230100", []zhWord{{"南岗区", "NANGANG"}}, 2},
		{"满洲里市", "MANZHOULI", "INNER MONGOLIA", "150781", []zhWord{{"扎赉诺尔区", "ZHALAINUOER"}}, 2},
		{"绥芬河市", "SUIFENHE", "HEILONGJIANG", "231081", []zhWord{{"新华街道", "XINHUA"}}, 1.5},
	}
	cnCityW = func() weighted {
		ws := make([]float64, len(cnCities))
		for i, c := range cnCities {
			ws[i] = c.w
		}
		return newWeighted(ws)
	}()
	cnTradeNames = []zhWord{{"华腾", "HUATENG"}, {"恒信", "HENGXIN"}, {"金盛", "JINSHENG"}, {"鑫源", "XINYUAN"}, {"宏达", "HONGDA"},
		{"永兴", "YONGXING"}, {"瑞丰", "RUIFENG"}, {"中科", "ZHONGKE"}, {"海天", "HAITIAN"}, {"远航", "YUANHANG"},
		{"天翼", "TIANYI"}, {"博远", "BOYUAN"}, {"嘉和", "JIAHE"}, {"锦程", "JINCHENG"}, {"盛达", "SHENGDA"},
		{"东方", "DONGFANG"}, {"优创", "YOUCHUANG"}, {"智联", "ZHILIAN"}, {"星辰", "XINGCHEN"}, {"汇通", "HUITONG"},
		{"凯达", "KAIDA"}, {"力诚", "LICHENG"}, {"广源", "GUANGYUAN"}, {"俊峰", "JUNFENG"}, {"美林", "MEILIN"},
		{"三和", "SANHE"}, {"百盛", "BAISHENG"}, {"德信", "DEXIN"}, {"龙腾", "LONGTENG"}, {"宇航", "YUHANG"},
		{"华信", "HUAXIN"}, {"佳美", "JIAMEI"}, {"同创", "TONGCHUANG"}, {"亿达", "YIDA"}, {"万通", "WANTONG"},
		{"新锐", "XINRUI"}, {"启航", "QIHANG"}, {"正阳", "ZHENGYANG"}, {"大成", "DACHENG"}, {"金辉", "JINHUI"},
		{"福源", "FUYUAN"}, {"荣盛", "RONGSHENG"}, {"安泰", "ANTAI"}, {"泰和", "TAIHE"}, {"顺达", "SHUNDA"},
		{"昌盛", "CHANGSHENG"}, {"银河", "YINHE"}, {"华美", "HUAMEI"}, {"中联", "ZHONGLIAN"}, {"飞扬", "FEIYANG"},
		{"蓝海", "LANHAI"}, {"明珠", "MINGZHU"}, {"众诚", "ZHONGCHENG"}, {"鼎盛", "DINGSHENG"}, {"晨光", "CHENGUANG"},
		{"精工", "JINGGONG"}, {"卓越", "ZHUOYUE"}, {"润达", "RUNDA"}, {"诚信", "CHENGXIN"}, {"新华", "XINHUA"}}
	cnIndustries = [numGroups][]struct{ zh, en, py string }{
		{{"机械设备", "MACHINERY EQUIPMENT", "JIXIE SHEBEI"}, {"机械", "MACHINERY", "JIXIE"}, {"五金", "HARDWARE", "WUJIN"}},
		{{"电子科技", "ELECTRONIC TECHNOLOGY", "DIANZI KEJI"}, {"科技", "TECHNOLOGY", "KEJI"}, {"半导体", "SEMICONDUCTOR", "BANDAOTI"}, {"通信技术", "COMMUNICATION TECHNOLOGY", "TONGXIN JISHU"}, {"智能科技", "INTELLIGENT TECHNOLOGY", "ZHINENG KEJI"}},
		{{"仪器", "INSTRUMENT", "YIQI"}, {"医疗器械", "MEDICAL DEVICES", "YILIAO QIXIE"}, {"光电", "OPTOELECTRONICS", "GUANGDIAN"}},
		{{"化工", "CHEMICAL", "HUAGONG"}, {"塑料制品", "PLASTIC PRODUCTS", "SULIAO ZHIPIN"}, {"新材料", "NEW MATERIAL", "XIN CAILIAO"}},
		{{"纺织", "TEXTILE", "FANGZHI"}, {"服装", "GARMENT", "FUZHUANG"}, {"服饰", "APPAREL", "FUSHI"}},
		{{"食品", "FOOD", "SHIPIN"}, {"农产品", "AGRICULTURAL PRODUCTS", "NONGCHANPIN"}},
		{{"汽车配件", "AUTO PARTS", "QICHE PEIJIAN"}, {"汽车贸易", "AUTOMOBILE TRADING", "QICHE MAOYI"}},
		{{"陶瓷", "CERAMICS", "TAOCI"}, {"建材", "BUILDING MATERIALS", "JIANCAI"}},
		{{"金属制品", "METAL PRODUCTS", "JINSHU ZHIPIN"}, {"钢铁", "STEEL", "GANGTIE"}},
		{{"家具", "FURNITURE", "JIAJU"}, {"玩具", "TOYS", "WANJU"}, {"照明", "LIGHTING", "ZHAOMING"}, {"日用品", "DAILY NECESSITIES", "RIYONGPIN"}},
		{{"纸业", "PAPER", "ZHIYE"}},
		{{"化妆品", "COSMETICS", "HUAZHUANGPIN"}},
		{{"户外用品", "OUTDOOR PRODUCTS", "HUWAI YONGPIN"}},
	}
	cnTraders = []struct{ zh, en, py string }{{"贸易", "TRADING", "MAOYI"}, {"进出口", "IMPORT & EXPORT", "JINCHUKOU"},
		{"国际贸易", "INTERNATIONAL TRADE", "GUOJI MAOYI"}, {"供应链管理", "SUPPLY CHAIN MANAGEMENT", "GONGYINGLIAN GUANLI"},
		{"实业", "INDUSTRIAL", "SHIYE"}}
	cnRoads = []string{"ROAD", "AVENUE", "STREET", "NORTH ROAD", "SOUTH ROAD"}
)

// cnVariants returns the Chinese and Latin forms of a mainland company's name.
func cnVariants(r *rng, cityZh, cityEn, trade, tradePy, indZh, indEn, indPy string, joint bool) ([]string, []string) {
	legalZh, legalPy := "有限公司", "YOUXIAN GONGSI"
	if joint {
		legalZh, legalPy = "股份有限公司", "GUFEN YOUXIAN GONGSI"
	}
	short := strings.TrimSuffix(cityZh, "市")
	names := []string{cityZh + trade + indZh + legalZh, short + trade + indZh + legalZh, trade + indZh + "(" + short + ")" + legalZh}
	base := cityEn + " " + tradePy + " " + indEn
	latin := []string{
		base + " CO., LTD.",
		base + " CO LTD",
		base + " CO.,LTD",
		tradePy + " " + indEn + " (" + cityEn + ") CO., LTD.",
		base + " COMPANY LIMITED",
		cityEn + " " + tradePy + " " + indPy + " " + legalPy,
		tradePy + " " + indEn + " CO LTD",
	}
	if r.chance(0.2) {
		latin = append(latin, typo(r, base)+" CO., LTD.")
	}
	names = front(names, weightedIndex(r, 0.8))
	latin = front(latin, weightedIndex(r, 0.5, 0.2, 0.15, 0.05, 0.08))
	return names, dedupe(latin)
}

func cnAddress(r *rng, ci int) (zh, en string) {
	c := cnCities[ci]
	d := c.districts[r.intn(len(c.districts))]
	road := cnTradeNames[r.intn(len(cnTradeNames))]
	no := strconv.Itoa(1 + r.intn(300))
	room := strconv.Itoa(100*(1+r.intn(25)) + 1 + r.intn(20))
	prov := ""
	if c.province != "" {
		prov = c.province + " PROVINCE, "
	}
	en = "ROOM " + room + ", NO. " + no + " " + road.py + " " + pickStr(r, cnRoads) + ", " + d.py + " DISTRICT, " +
		c.en + ", " + prov + "CHINA"
	zh = c.zh + d.zh + road.zh + "路" + no + "号" + room + "室"
	return zh, en
}

func newChineseCompany(r *rng, seen map[string]bool) *company {
	ci := cnCityW.pick(r)
	city := cnCities[ci]
	c := &company{country: cc("CN"), id: makeUSCC(r, city.region), city: city.en}
	g := r.intn(numGroups)
	var trade zhWord
	for try := 0; ; try++ {
		trade = cnTradeNames[r.intn(len(cnTradeNames))]
		if r.chance(0.45) || try >= 30 {
			t2 := cnTradeNames[r.intn(len(cnTradeNames))]
			trade = zhWord{trade.zh + t2.zh, trade.py + t2.py}
		}
		if !seen[city.zh+trade.zh] {
			seen[city.zh+trade.zh] = true
			break
		}
	}
	ind := cnIndustries[g][r.intn(len(cnIndustries[g]))]
	if r.chance(0.3) {
		ind = cnTraders[r.intn(len(cnTraders))]
	} else {
		c.groups = []int{g}
	}
	c.names, c.latin = cnVariants(r, city.zh, city.en, trade.zh, trade.py, ind.zh, ind.en, ind.py, r.chance(0.1))
	c.addr, c.addrEn = cnAddress(r, ci)
	c.stem = trade.py
	return c
}

var (
	hkKinds     = []struct{ zh, en string }{{"国际(香港)有限公司", "INTERNATIONAL (HK) LIMITED"}, {"贸易有限公司", "TRADING LIMITED"}, {"科技(香港)有限公司", "TECHNOLOGY (HONG KONG) CO., LIMITED"}, {"电子有限公司", "ELECTRONICS CO., LIMITED"}, {"实业有限公司", "INDUSTRIAL LIMITED"}, {"控股有限公司", "HOLDINGS LIMITED"}, {"供应链有限公司", "SUPPLY CHAIN LIMITED"}}
	hkBuildings = []string{"NAN FUNG CENTRE", "HO KING COMMERCIAL CENTRE", "TUNG CHUN COMMERCIAL CENTRE", "PROSPEROUS BUILDING",
		"WING ON CENTRE", "KOWLOON BUILDING", "SINO PLAZA", "CHINACHEM GOLDEN PLAZA", "TRANS ASIA CENTRE", "LAFORD CENTRE"}
	hkRoads = []string{"NATHAN ROAD", "DES VOEUX ROAD CENTRAL", "HOI BUN ROAD", "HOW MING STREET", "KWUN TONG ROAD",
		"LOCKHART ROAD", "QUEEN'S ROAD CENTRAL", "CANTON ROAD", "CASTLE PEAK ROAD", "HENNESSY ROAD"}
	hkEnglish = []zhWord{{"长城", "GREAT WALL"}, {"太平洋", "PACIFIC"}, {"金桥", "GOLDEN BRIDGE"}, {"亚洲", "ASIA"},
		{"智慧", "SMART"}, {"永胜", "WIN"}, {"富达", "FORTUNE"}, {"永恒", "EVER"}, {"光明", "BRIGHT"}, {"顶峰", "TOP"}, {"皇冠", "KING"}}
)

func newHongKongCompany(r *rng, seen map[string]bool) *company {
	hk := cc("HK")
	c := &company{country: hk, id: makeDigits(r, strconv.Itoa(3+r.intn(7)), 8)}
	var trade zhWord
	for try := 0; ; try++ {
		if r.chance(0.3) || try >= 30 {
			trade = hkEnglish[r.intn(len(hkEnglish))]
			t2 := cnTradeNames[r.intn(len(cnTradeNames))]
			trade = zhWord{trade.zh + t2.zh, trade.py + " " + t2.py}
		} else {
			trade = cnTradeNames[r.intn(len(cnTradeNames))]
			if r.chance(0.5) {
				t2 := cnTradeNames[r.intn(len(cnTradeNames))]
				trade = zhWord{trade.zh + t2.zh, trade.py + t2.py}
			}
		}
		if !seen["HK"+trade.zh] {
			seen["HK"+trade.zh] = true
			break
		}
	}
	k := hkKinds[r.intn(len(hkKinds))]
	en := trade.py + " " + k.en
	c.names = []string{trade.zh + k.zh, en}
	c.latin = dedupe([]string{en, strings.ReplaceAll(strings.ReplaceAll(en, "LIMITED", "LTD"), "INTERNATIONAL", "INTL"),
		strings.ReplaceAll(strings.ReplaceAll(en, "(HK)", "HONG KONG"), "(HONG KONG)", "HONG KONG"),
		strings.ReplaceAll(en, "LIMITED", "LTD."), strings.ReplaceAll(en, " CO., ", " COMPANY ")})
	c.city = pickStr(r, hk.cities)
	c.addrEn = "RM " + strconv.Itoa(1+r.intn(30)) + "0" + strconv.Itoa(1+r.intn(9)) + ", " + strconv.Itoa(2+r.intn(28)) +
		"/F, " + pickStr(r, hkBuildings) + ", " + strconv.Itoa(1+r.intn(400)) + " " + pickStr(r, hkRoads) + ", " + c.city + ", HONG KONG"
	c.addr = c.addrEn
	c.stem = strings.Fields(trade.py)[0]
	return c
}
