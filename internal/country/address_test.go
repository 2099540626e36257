package country

import "testing"

func TestFromAddress(t *testing.T) {
	tests := []struct {
		addr string
		want Code
	}{
		{"OFFICE 1203, AL MANARA TOWER, BUSINESS BAY, DUBAI, UNITED ARAB EMIRATES", "AE"},
		{"P.O. BOX 12345, JEBEL ALI FREE ZONE, DUBAI, UAE", "AE"},
		{"ул. Ленина, д. 5, г. Москва, Россия", "RU"},
		{"ул. Ленина, д. 5, г. Москва, Россия, 125009", "RU"},
		{"Россия, 125009, г. Москва, ул. Тверская, д. 1", "RU"},
		{"РОССИЙСКАЯ ФЕДЕРАЦИЯ 119019 МОСКВА УЛ ВОЗДВИЖЕНКА 10", "RU"},
		{"MERKEZ MAH. ATATURK CAD. NO:5 ESENYURT ISTANBUL TURKEY", "TR"},
		{"Merkez Mah. No:5, Esenyurt/İstanbul, Türkiye 34000", "TR"},
		{"ZGIERSKA 26 300 OPPOSITE UL PIOTRKOWSKA 61 POLAND", "PL"},
		{"ROOM 1201, 12/F, TOWER A, 100 NATHAN ROAD, KOWLOON, HONG KONG", "HK"},
		{"NO. 8 GUANGZHOU AVENUE, TIANHE DISTRICT, GUANGZHOU, GUANGDONG, CHINA", "CN"},
		{"NO. 8 GUANGZHOU AVENUE, TIANHE DISTRICT, GUANGZHOU, P.R. CHINA 510000", "CN"},
		{"中国广东省深圳市南山区西丽街道", "CN"},
		{"中国香港九龙弥敦道100号", "HK"},
		{"ALMATY, ABAI AVE 10, REPUBLIC OF KAZAKHSTAN", "KZ"},
		{"г. Алматы, пр. Абая 10, Казахстан", "KZ"},
		{"БИШКЕК, КЫРГЫЗСКАЯ РЕСПУБЛИКА", "KG"},
		{"1600 AMPHITHEATRE PKWY, MOUNTAIN VIEW, CA 94043, USA", "US"},
		{"YEREVAN, ARMENIA", "AM"},
		{"TASHKENT UZBEKISTAN", "UZ"},
		{"BELGRADE, SERBIA", "RS"},
		{"YANGON, MYANMAR", "MM"},
		{"MINSK, REPUBLIC OF BELARUS", "BY"},
		{"ЖЕЛЕЗНОДОРОЖНАЯ 1, МИНСК, РБ", "BY"},
		{"1 MAIN ST, MOSCOW, RUS", "RU"}, // a lone alpha-3 code as the last part
	}
	for _, tt := range tests {
		got, ok := FromAddress(tt.addr)
		if !ok || got != tt.want {
			t.Errorf("FromAddress(%q) = %q, %v, want %q, true", tt.addr, got, ok, tt.want)
		}
	}
}

func TestFromAddressNone(t *testing.T) {
	for _, addr := range []string{
		"",
		"   ",
		"12345",
		"UNKNOWN ADDRESS LINE",
		"100 PEACHTREE ST, ATLANTA, GA 30303", // GA is Georgia the state, not Gabon
		"10 MAIN STREET, SPRINGFIELD, MO",     // MO is Missouri, not Macao
		"JORDAN STREET 5, SOMEWHERE",          // a country name followed by words is a street
		"BUSINESS BAY, DUBAI, OTHER COUNTRY",  // suppressed
		"WAREHOUSE 5, PORT AREA, 643",         // numbers are not countries in addresses
		"ARE",                                 // an alpha-3 code counts only as the whole last part of several
		"5 STREET RUS",
	} {
		if got, ok := FromAddress(addr); ok {
			t.Errorf("FromAddress(%q) = %q, true, want false", addr, got)
		}
	}
}
