package country

import (
	"errors"
	"strings"
	"testing"
)

// spellings are ways customs data writes the countries tradetrace cares about, in English, Russian,
// Turkish and Chinese, in the cases and forms seen in vendor files (upper, lower, without diacritics).
var spellings = map[Code][]string{
	"RU": {"RUSSIA", "Russian Federation", "RUSSIAN FEDERATION (THE)", "Россия", "РОССИЯ", "российская федерация", "РФ", "RUSYA FEDERASYONU", "rusya", "俄罗斯", "俄罗斯联邦", "Росія", "RUS", "643"},
	"BY": {"BELARUS", "Беларусь", "БЕЛОРУССИЯ", "Республика Беларусь", "BEYAZ RUSYA", "白俄罗斯", "Білорусь", "BLR"},
	"KZ": {"KAZAKHSTAN", "Казахстан", "РЕСПУБЛИКА КАЗАХСТАН", "KAZAKİSTAN", "kazakistan", "哈萨克斯坦", "Қазақстан"},
	"KG": {"KYRGYZSTAN", "Kyrgyz Republic", "КЫРГЫЗСТАН", "Киргизия", "KIRGIZİSTAN", "吉尔吉斯斯坦", "Қырғызстан"},
	"UZ": {"UZBEKISTAN", "УЗБЕКИСТАН", "ÖZBEKİSTAN", "ozbekistan", "乌兹别克斯坦"},
	"TJ": {"TAJIKISTAN", "Таджикистан", "TACİKİSTAN", "塔吉克斯坦"},
	"TM": {"TURKMENISTAN", "Туркмения", "TÜRKMENİSTAN", "土库曼斯坦"},
	"AM": {"ARMENIA", "Армения", "ERMENİSTAN", "亚美尼亚", "Вірменія"},
	"AZ": {"AZERBAIJAN", "Азербайджан", "AZERBAYCAN", "阿塞拜疆"},
	"GE": {"GEORGIA", "Грузия", "GÜRCİSTAN", "gurcistan", "格鲁吉亚"},
	"MD": {"Moldova, Republic of", "Молдавия", "MOLDOVA", "摩尔多瓦"},
	"UA": {"UKRAINE", "Украина", "UKRAYNA", "Україна", "乌克兰"},
	"MN": {"MONGOLIA", "Монголия", "MOĞOLİSTAN", "蒙古"},
	"CN": {"CHINA", "People's Republic of China", "P.R.CHINA", "PR CHINA", "КИТАЙ", "КНР", "Китайская Народная Республика", "ÇİN", "Çin Halk Cumhuriyeti", "CIN HALK CUMHURIYETI", "中国", "中华人民共和国", "中國", "CHN", "156"},
	"HK": {"HONG KONG", "Hong Kong SAR", "HONG KONG, CHINA", "HONGKONG", "ГОНКОНГ", "Сянган", "香港", "中国香港", "China, Hong Kong Special Administrative Region", "HKG"},
	"MO": {"MACAU", "Macao", "Макао", "澳门"},
	"TW": {"TAIWAN", "TAIWAN, PROVINCE OF CHINA", "Taiwan (Province of China)", "Тайвань", "TAYVAN", "台湾", "臺灣"},
	"JP": {"JAPAN", "Япония", "JAPONYA", "日本"},
	"KR": {"KOREA, REPUBLIC OF", "SOUTH KOREA", "Korea (the Republic of)", "Republic of Korea", "KOREA", "Южная Корея", "КОРЕЯ, РЕСПУБЛИКА", "GÜNEY KORE", "韩国", "大韩民国", "KOR"},
	"KP": {"NORTH KOREA", "Korea, Democratic People's Republic of", "DPRK", "КНДР", "KUZEY KORE", "朝鲜"},
	"IN": {"INDIA", "Индия", "HİNDİSTAN", "hindistan", "印度"},
	"PK": {"PAKISTAN", "Пакистан", "PAKİSTAN", "巴基斯坦"},
	"IR": {"IRAN", "IRAN, ISLAMIC REPUBLIC OF", "Iran (Islamic Republic of)", "Иран", "İRAN", "伊朗"},
	"IQ": {"IRAQ", "Ирак", "IRAK", "伊拉克"},
	"SY": {"SYRIA", "Syrian Arab Republic", "Сирия", "SURİYE", "叙利亚"},
	"AF": {"AFGHANISTAN", "Афганистан", "AFGANİSTAN", "阿富汗"},
	"TR": {"TURKEY", "Türkiye", "TÜRKİYE", "TÜRKIYE", "TURKIYE", "türkiye", "Турция", "ТУРЕЦКАЯ РЕСПУБЛИКА", "Туреччина", "土耳其", "TUR", "792"},
	"AE": {"UNITED ARAB EMIRATES", "United Arab Emirates (the)", "UAE", "U.A.E.", "u.a.e", "ОАЭ", "Объединенные Арабские Эмираты", "ОБЪЕДИНЁННЫЕ АРАБСКИЕ ЭМИРАТЫ", "BİRLEŞİK ARAP EMİRLİKLERİ", "birlesik arap emirlikleri", "BAE", "阿联酋", "阿拉伯联合酋长国", "ОАЕ", "ARE", "784"},
	"SA": {"SAUDI ARABIA", "Саудовская Аравия", "SUUDİ ARABİSTAN", "沙特阿拉伯"},
	"QA": {"QATAR", "Катар", "KATAR", "卡塔尔"},
	"OM": {"OMAN", "Оман", "UMMAN", "阿曼"},
	"KW": {"KUWAIT", "Кувейт", "KUVEYT", "科威特"},
	"IL": {"ISRAEL", "Израиль", "İSRAİL", "以色列"},
	"EG": {"EGYPT", "Египет", "MISIR", "埃及"},
	"RS": {"SERBIA", "Republic of Serbia", "Сербия", "SIRBİSTAN", "sirbistan", "塞尔维亚"},
	"ME": {"MONTENEGRO", "Черногория", "KARADAĞ", "黑山"},
	"BA": {"BOSNIA AND HERZEGOVINA", "BOSNIA & HERZEGOVINA", "Босния и Герцеговина", "BOSNA HERSEK"},
	"MK": {"NORTH MACEDONIA", "Северная Македония", "KUZEY MAKEDONYA"},
	"DE": {"GERMANY", "Deutschland", "Германия", "ФРГ", "ALMANYA", "德国", "Німеччина", "DEU", "276"},
	"FR": {"FRANCE", "Франция", "FRANSA", "法国"},
	"IT": {"ITALY", "Италия", "İTALYA", "italya", "意大利"},
	"ES": {"SPAIN", "Испания", "İSPANYA", "西班牙"},
	"NL": {"NETHERLANDS", "The Netherlands", "Netherlands (the)", "HOLLAND", "Нидерланды", "HOLLANDA", "荷兰"},
	"BE": {"BELGIUM", "Бельгия", "BELÇİKA", "比利时"},
	"PL": {"POLAND", "Польша", "POLONYA", "波兰", "Польща"},
	"CZ": {"CZECH REPUBLIC", "Czechia", "Чехия", "ÇEK CUMHURİYETİ", "捷克"},
	"SK": {"SLOVAKIA", "Словакия", "SLOVAKYA", "斯洛伐克"},
	"HU": {"HUNGARY", "Венгрия", "MACARİSTAN", "匈牙利"},
	"AT": {"AUSTRIA", "Австрия", "AVUSTURYA", "奥地利"},
	"CH": {"SWITZERLAND", "Швейцария", "İSVİÇRE", "瑞士"},
	"FI": {"FINLAND", "Финляндия", "FİNLANDİYA", "芬兰"},
	"SE": {"SWEDEN", "Швеция", "İSVEÇ", "瑞典"},
	"NO": {"NORWAY", "Норвегия", "NORVEÇ", "挪威"},
	"DK": {"DENMARK", "Дания", "DANİMARKA", "丹麦"},
	"EE": {"ESTONIA", "Эстония", "ESTONYA", "爱沙尼亚"},
	"LV": {"LATVIA", "Латвия", "LETONYA", "拉脱维亚"},
	"LT": {"LITHUANIA", "Литва", "LİTVANYA", "立陶宛"},
	"BG": {"BULGARIA", "Болгария", "BULGARİSTAN", "保加利亚"},
	"RO": {"ROMANIA", "Румыния", "ROMANYA", "罗马尼亚"},
	"GR": {"GREECE", "Греция", "YUNANİSTAN", "希腊"},
	"CY": {"CYPRUS", "Кипр", "KIBRIS", "塞浦路斯"},
	"GB": {"UNITED KINGDOM", "UK", "U.K.", "GREAT BRITAIN", "United Kingdom of Great Britain and Northern Ireland", "Великобритания", "BİRLEŞİK KRALLIK", "İNGİLTERE", "英国", "GBR"},
	"US": {"USA", "U.S.A.", "UNITED STATES", "United States of America", "США", "Соединенные Штаты Америки", "ABD", "AMERİKA BİRLEŞİK DEVLETLERİ", "美国", "840"},
	"CA": {"CANADA", "Канада", "KANADA", "加拿大"},
	"MX": {"MEXICO", "Мексика", "MEKSİKA", "墨西哥"},
	"BR": {"BRAZIL", "Бразилия", "BREZİLYA", "巴西"},
	"ZA": {"SOUTH AFRICA", "ЮАР", "Южно-Африканская Республика", "GÜNEY AFRİKA", "南非"},
	"NI": {"NICARAGUA", "Никарагуа", "NİKARAGUA", "尼加拉瓜"},
	"VN": {"VIET NAM", "VIETNAM", "Вьетнам", "VİETNAM", "越南"},
	"TH": {"THAILAND", "Таиланд", "TAYLAND", "泰国"},
	"MY": {"MALAYSIA", "Малайзия", "MALEZYA", "马来西亚"},
	"SG": {"SINGAPORE", "Сингапур", "SİNGAPUR", "新加坡"},
	"ID": {"INDONESIA", "Индонезия", "ENDONEZYA", "印度尼西亚"},
	"MM": {"MYANMAR", "BURMA", "МЬЯНМА", "Мьянмар", "BİRMANYA", "缅甸"},
	"PH": {"PHILIPPINES", "Филиппины", "FİLİPİNLER", "菲律宾"},
	"CI": {"Côte d’Ivoire", "COTE D'IVOIRE", "Côte d'Ivoire", "IVORY COAST"},
	"EU": {"EU", "EUROPEAN UNION", "Евросоюз"},
}

func TestParseSpellings(t *testing.T) {
	if len(spellings) < 60 {
		t.Fatalf("only %d countries in the table", len(spellings))
	}
	for want, ss := range spellings {
		for _, s := range ss {
			got, err := Parse(s)
			if err != nil || got != want {
				t.Errorf("Parse(%q) = %q, %v, want %q", s, got, err, want)
			}
		}
	}
}

func TestParseForms(t *testing.T) {
	tests := []struct {
		in   string
		want Code
	}{
		{"RU", "RU"},
		{"ru", "RU"},
		{"Ru", "RU"},
		{" RU ", "RU"},
		{"rus", "RU"},
		{"0643", "RU"},
		{"004", "AF"},
		{"4", "AF"},
		{"  russian   federation  ", "RU"},
		{"RUSSIAN-FEDERATION", "RU"},
		{"Russian Federation.", "RU"},
		{"\"RUSSIA\"", "RU"},
		{"РОССИЯ\u00a0", "RU"},
		{"ＲＵＳＳＩＡ", "RU"},              // full-width
		{"TU\u0308RKI\u0307YE", "TR"}, // decomposed diacritics
		{"ti\u0307rkiye", ""},         // not a name: stays unknown
		{"the gambia", "GM"},
		{"Korea (the Democratic People's Republic of)", "KP"},
		{"Bolivia", "BO"},
		{"Plurinational State of Bolivia", "BO"},
		{"Congo", "CG"},
		{"Democratic Republic of the Congo", "CD"},
		{"ÅLAND ISLANDS", "AX"},
		{"Aland Islands", "AX"},
		{"São Tomé and Príncipe", "ST"},
		{"SAO TOME AND PRINCIPE", "ST"},
		{"CURAÇAO", "CW"},
		{"Réunion", "RE"},
		{"NA", "NA"}, // Namibia: the ISO code wins over "not available"
		{"XK", "XK"},
		{"Kosovo", "XK"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %q, nil, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseSuppressed(t *testing.T) {
	for _, s := range []string{"OTHER COUNTRY", "Other country", "OC", "oc", "UNKNOWN", "unknown", "NULL", "null",
		"-", "--", "", "   ", "N/A", "n/a", "XX", "НЕИЗВЕСТНО", "未知", "OTHER  COUNTRY.", "?", "\xff\xfe"} {
		got, err := Parse(s)
		if err != nil || got != Unknown {
			t.Errorf("Parse(%q) = %q, %v, want Unknown, nil", s, got, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"garbage", "QQ", "Q", "ZZZ", "999", "0", "00", "RUSSIAN FEDERATIONS", "МОСКВА",
		"DUBAI", "12 ISTANBUL STREET", "CHINA RUSSIA", "RU RU", "Ru!ssia1", strings.Repeat("A", 500)} {
		got, err := Parse(s)
		if !errors.Is(err, ErrUnknownCountry) {
			t.Errorf("Parse(%q) = %q, %v, want an error wrapping ErrUnknownCountry", s, got, err)
		}
		if got != Unknown {
			t.Errorf("Parse(%q) = %q with an error, want Unknown", s, got)
		}
	}
}

// TestRoundTrip checks that every known country parses back from its codes and its English name: a name
// shadowed by another country's, or a normalisation that breaks a key, shows here.
func TestRoundTrip(t *testing.T) {
	codes := Codes()
	if len(codes) < 249 {
		t.Fatalf("Codes() has %d codes, want at least 249", len(codes))
	}
	for _, c := range codes {
		ins := []string{string(c), strings.ToLower(string(c)), Name(c), strings.ToUpper(Name(c)), strings.ToLower(Name(c))}
		if a3 := Alpha3(c); a3 != "" {
			ins = append(ins, a3, strings.ToLower(a3))
		}
		if n := Numeric(c); n != "" {
			ins = append(ins, n, "00"+n)
		}
		for _, in := range ins {
			if got, err := Parse(in); err != nil || got != c {
				t.Errorf("Parse(%q) = %q, %v, want %q", in, got, err, c)
			}
		}
	}
}

// TestAliasTable checks that every row of the alias table reads back as its country: a row shadowed by an
// ISO code or by another row is a mistake in the table.
func TestAliasTable(t *testing.T) {
	rows, err := readCSV("data/aliases.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 400 {
		t.Errorf("aliases.csv has %d rows, want at least 400", len(rows))
	}
	for _, r := range rows[1:] {
		want := Code(r[0])
		if want == "-" {
			want = Unknown
		}
		if got, err := Parse(r[2]); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v, want %q (aliases.csv)", r[2], got, err, want)
		}
	}
}

func TestBuild(t *testing.T) {
	tb, err := build()
	if err != nil {
		t.Fatal(err)
	}
	// The UN names leave a few keys to two countries; the alias table settles the one that matters.
	for _, c := range tb.conflicts {
		t.Log(c)
	}
	if e, ok := tb.keys["KOREA"]; !ok || e.code != "KR" {
		t.Errorf(`key "KOREA" = %+v, %v, want KR`, e, ok)
	}
	if _, ok := tb.keys["VIRGIN ISLANDS"]; ok {
		t.Error(`key "VIRGIN ISLANDS" is set, want it dropped as ambiguous (VG, VI)`)
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		c                    Code
		name, alpha3, number string
	}{
		{"RU", "Russia", "RUS", "643"},
		{"AE", "United Arab Emirates", "ARE", "784"},
		{"TR", "Türkiye", "TUR", "792"},
		{"GB", "United Kingdom", "GBR", "826"},
		{"US", "United States", "USA", "840"},
		{"HK", "Hong Kong", "HKG", "344"},
		{"AF", "Afghanistan", "AFG", "4"},
		{"EU", "European Union", "", ""},
		{"ZZ", "", "", ""},
		{"ru", "", "", ""},
		{Unknown, "", "", ""},
	}
	for _, tt := range tests {
		if got := Name(tt.c); got != tt.name {
			t.Errorf("Name(%q) = %q, want %q", tt.c, got, tt.name)
		}
		if got := Alpha3(tt.c); got != tt.alpha3 {
			t.Errorf("Alpha3(%q) = %q, want %q", tt.c, got, tt.alpha3)
		}
		if got := Numeric(tt.c); got != tt.number {
			t.Errorf("Numeric(%q) = %q, want %q", tt.c, got, tt.number)
		}
		if got := Known(tt.c); got != (tt.name != "") {
			t.Errorf("Known(%q) = %v, want %v", tt.c, got, tt.name != "")
		}
	}
}
