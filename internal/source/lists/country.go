package lists

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/country-codes.csv
var countryCSV []byte

// nameColumns are the columns of country-codes.csv that hold a name of the country.
var nameColumns = []string{
	"ISO3166-1-Alpha-3", "UNTERM English Short", "UNTERM English Formal", "official_name_en", "CLDR display name",
	"ISO4217-currency_country_name", "official_name_fr", "UNTERM French Short", "UNTERM French Formal",
	"official_name_es", "UNTERM Spanish Short", "UNTERM Spanish Formal", "official_name_ru", "UNTERM Russian Short",
	"UNTERM Russian Formal", "official_name_cn", "UNTERM Chinese Short", "UNTERM Chinese Formal", "official_name_ar",
	"UNTERM Arabic Short", "UNTERM Arabic Formal",
}

// countryAliases are the ways the list publishers write countries that the ISO and UN names do not cover:
// OFAC's inverted forms ("Korea, North"), short forms, former names, demonyms used in nationality fields, and
// territories. An empty code marks a name that must stay unresolved (a region of several countries).
var countryAliases = map[string]string{
	"Korea, North": "KP", "North Korea": "KP", "Korea, South": "KR", "South Korea": "KR",
	"Burma": "MM", "Congo, Democratic Republic of the": "CD", "Congo, Republic of the": "CG", "Cote d Ivoire": "CI",
	"Man, Isle of": "IM", "Bahamas, The": "BS", "The Gambia": "GM", "Gambia, The": "GM",
	"Virgin Islands, British": "VG", "North Macedonia, The Republic of": "MK", "Macedonia": "MK",
	"Palestinian": "PS", "Palestine": "PS", "West Bank": "PS", "Gaza": "PS", "Gaza Strip": "PS", "Northern Gaza": "PS",
	"North Gaza": "PS", "Crimea": "UA", "Northern Mali": "ML", "Jammu and Kashmir": "", "Kafia Kingi": "",
	"Commonwealth of Independent States": "", "Netherlands Antilles": "", "undetermined": "",
	"Macau": "MO", "Hong Kong SAR": "HK", "Hong Kong, China": "HK", "Taiwan, Province of China": "TW",
	"Kosovo": "XK", "Laos": "LA", "Vietnam": "VN", "Syria": "SY", "Russia": "RU", "Iran": "IR", "Turkey": "TR",
	"Republic of Turkey": "TR", "Republic of Türkiye": "TR", "Czech Republic": "CZ", "Moldova": "MD",
	"Tanzania": "TZ", "Venezuela": "VE", "Bolivia": "BO", "Brunei": "BN", "Micronesia": "FM", "Cape Verde": "CV",
	"Swaziland": "SZ", "East Timor": "TL", "Vatican": "VA", "UK": "GB", "United Kingdom": "GB",
	"Great Britain": "GB", "England": "GB", "Scotland": "GB", "USA": "US", "United States": "US",
	"UAE": "AE", "U.A.E.": "AE", "United Arab Emirates (UAE)": "AE", "Kyrgyz Republic": "KG",
	"Slovak Republic": "SK", "Mainland China": "CN", "PRC": "CN", "People's Republic of China": "CN",
	"Democratic Republic of the Congo": "CD", "DPRK": "KP", "Soviet Union": "", "USSR": "",
	"North Korea (Democratic People's Republic of Korea)": "KP", "Россия": "RU", "Китай": "CN",

	"Russian": "RU", "Ukrainian": "UA", "Belarusian": "BY", "Belarussian": "BY", "Chinese": "CN", "Iranian": "IR",
	"Syrian": "SY", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kyrgyz": "KG", "Uzbek": "UZ", "Armenian": "AM",
	"Georgian": "GE", "Azerbaijani": "AZ", "Turkish": "TR", "Emirati": "AE", "Indian": "IN", "Serbian": "RS",
	"Moldovan": "MD", "Latvian": "LV", "Lithuanian": "LT", "Estonian": "EE", "Israeli": "IL", "Cypriot": "CY",
	"Swiss": "CH", "German": "DE", "French": "FR", "British": "GB", "American": "US", "North Korean": "KP",
	"Afghan": "AF", "Iraqi": "IQ", "Lebanese": "LB", "Libyan": "LY", "Sudanese": "SD", "Yemeni": "YE",
	"Pakistani": "PK", "Saudi": "SA", "Egyptian": "EG", "Venezuelan": "VE", "Cuban": "CU", "Nicaraguan": "NI",
	"Burmese": "MM", "Somali": "SO", "Tajik": "TJ", "Turkmen": "TM", "Mongolian": "MN", "Japanese": "JP",
	"Vietnamese": "VN", "Thai": "TH", "Malaysian": "MY", "Singaporean": "SG", "Indonesian": "ID", "Italian": "IT",
	"Spanish": "ES", "Dutch": "NL", "Belgian": "BE", "Austrian": "AT", "Polish": "PL", "Czech": "CZ",
	"Slovak": "SK", "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Greek": "GR", "Canadian": "CA",
	"Mexican": "MX", "Colombian": "CO", "Brazilian": "BR", "Argentine": "AR", "Argentinian": "AR",
	"Nigerian": "NG", "South African": "ZA", "Qatari": "QA", "Kuwaiti": "KW", "Omani": "OM", "Bahraini": "BH",
	"Jordanian": "JO", "Tunisian": "TN", "Algerian": "DZ", "Moroccan": "MA", "Ethiopian": "ET", "Eritrean": "ER",
	"Kenyan": "KE", "Ugandan": "UG", "Zimbabwean": "ZW", "Malian": "ML", "Bosnian": "BA", "Montenegrin": "ME",
	"Albanian": "AL", "Croatian": "HR", "Slovenian": "SI", "Macedonian": "MK", "Finnish": "FI", "Swedish": "SE",
	"Norwegian": "NO", "Danish": "DK", "Irish": "IE", "Portuguese": "PT", "Maltese": "MT", "Icelandic": "IS",
	"Tanzanian": "TZ", "Rwandan": "RW", "Burundian": "BI", "Central African": "CF", "South Sudanese": "SS",
	"Haitian": "HT", "Filipino": "PH", "Bangladeshi": "BD", "Sri Lankan": "LK", "Nepalese": "NP",
	"Kosovar": "XK", "Ivorian": "CI", "Nigerien": "NE", "Chadian": "TD", "Ghanaian": "GH", "Senegalese": "SN",
}

// countryPrefixes are the state forms that may precede a country's short name ("Republic of India").
var countryPrefixes = []string{
	"democratic socialist republic of ", "socialist republic of ", "islamic republic of ", "federal republic of ",
	"kingdom of ", "republic of ", "state of ", "principality of ", "grand duchy of ", "sultanate of ",
}

var countryTable = sync.OnceValue(buildCountryTable)

func buildCountryTable() map[string]string {
	t := make(map[string]string)
	bad := make(map[string]bool)
	put := func(name, code string) {
		k := countryKey(name)
		if k == "" || bad[k] {
			return
		}
		if old, ok := t[k]; ok && old != code {
			delete(t, k)
			bad[k] = true
			return
		}
		t[k] = code
	}
	rows, err := csv.NewReader(bytes.NewReader(countryCSV)).ReadAll()
	if err != nil || len(rows) == 0 {
		panic("lists: embedded country-codes.csv: " + errString(err))
	}
	col := make(map[string]int)
	for i, h := range rows[0] {
		col[h] = i
	}
	a2 := col["ISO3166-1-Alpha-2"]
	for _, r := range rows[1:] {
		code := strings.TrimSpace(r[a2])
		if len(code) != 2 {
			continue
		}
		put(code, code)
		for _, c := range nameColumns {
			if i, ok := col[c]; ok {
				put(r[i], code)
			}
		}
	}
	for name, code := range countryAliases {
		k := countryKey(name)
		delete(bad, k)
		if code == "" {
			t[k] = ""
			continue
		}
		t[k] = code
	}
	return t
}

func errString(err error) string {
	if err == nil {
		return "empty"
	}
	return err.Error()
}

// CountryCode resolves a country as a list publisher writes it — an ISO alpha-2 or alpha-3 code, an English,
// French, Spanish, Russian, Chinese or Arabic name, OFAC's "Korea, North", "Region: Crimea", a state form such as
// "Republic of Serbia", or a demonym such as "Russian" — to an ISO 3166 alpha-2 code, or "" when it cannot.
func CountryCode(name string) string {
	t := countryTable()
	k := countryKey(strings.TrimPrefix(strings.TrimSpace(name), "Region: "))
	if k == "" {
		return ""
	}
	if c, ok := t[k]; ok {
		return c
	}
	for _, p := range countryPrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok {
			if c, ok := t[rest]; ok {
				return c
			}
		}
	}
	return ""
}

// unMarks removes the marks of the UN terms.
var unMarks = strings.NewReplacer("(the)", " ", "*", " ")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// countryKey folds a country name for lookup: no diacritics, lower case, apostrophes and punctuation as spaces,
// no "(the)" or "*" marks of the UN terms, no leading "the".
func countryKey(s string) string {
	s = unMarks.Replace(s)
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}
