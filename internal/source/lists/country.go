package lists

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"tradetrace/internal/country"
)

// countryAliases are the ways the list publishers write countries that package country does not read, or reads
// otherwise than a list means: OFAC's inverted forms ("Korea, North", "Man, Isle of"), regions, demonyms used in
// nationality fields, and names that must stay unresolved — an empty code — because they name several countries
// or none ("Korea", "EU", "Region: Kafia Kingi").
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
	"Korea": "", "EU": "", "European Union": "",

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

var aliasTable = sync.OnceValue(func() map[string]string {
	t := make(map[string]string, len(countryAliases))
	for name, code := range countryAliases {
		t[countryKey(name)] = code
	}
	return t
})

// CountryCode resolves a country as a list publisher writes it to an ISO 3166 alpha-2 code, or "" when it
// cannot: the publishers' own forms first (OFAC's "Korea, North" and "Region: Crimea", demonyms such as
// "Russian"), then package country (ISO codes, UN names in six languages, common spellings), then the name
// without a state form ("Socialist Republic of Vietnam" → "Vietnam").
func CountryCode(name string) string {
	name = strings.TrimPrefix(strings.TrimSpace(name), "Region: ")
	k := countryKey(name)
	if k == "" {
		return ""
	}
	if c, ok := aliasTable()[k]; ok {
		return c
	}
	if c, err := country.Parse(name); err == nil {
		return string(c)
	}
	for _, p := range countryPrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok {
			if c, ok := aliasTable()[rest]; ok {
				return c
			}
			if c, err := country.Parse(rest); err == nil {
				return string(c)
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
