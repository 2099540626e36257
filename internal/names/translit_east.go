package names

import (
	"bufio"
	"strings"
)

// parsePinyin reads data/pinyin.txt: a character, a space, its readings separated by commas.
func parsePinyin(text string) map[rune][]string {
	m := make(map[rune][]string, 9000)
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		ch, readings, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		rs := []rune(ch)
		if len(rs) != 1 {
			continue
		}
		m[rs[0]] = strings.Split(readings, ",")
	}
	return m
}

// hanToLatin returns the Mandarin readings of one Han character, the most common first (at most three).
func (d *data) hanToLatin(s string) []string {
	var out []string
	for _, r := range s {
		if rd, ok := d.pinyin[r]; ok {
			if len(rd) > 3 {
				rd = rd[:3]
			}
			out = append(out, rd...)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// Kana in Hepburn romanisation; katakana are read through the hiragana of the same sound.
var kana = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o", 'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko",
	'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go", 'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se",
	'そ': "so", 'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo", 'た': "ta", 'ち': "chi", 'つ': "tsu",
	'て': "te", 'と': "to", 'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do", 'な': "na", 'に': "ni",
	'ぬ': "nu", 'ね': "ne", 'の': "no", 'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho", 'ば': "ba",
	'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo", 'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo", 'や': "ya", 'ゆ': "yu", 'よ': "yo", 'ら': "ra",
	'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro", 'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n", 'ゔ': "vu",
}

var smallKana = map[rune]string{'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'ゎ': "wa"}

// kanaToLatin romanises hiragana and katakana: yōon (きゃ kya, しゃ sha), small vowels after katakana (ファ fa),
// the sokuon っ doubling the next consonant; the long-vowel mark is dropped.
func kanaToLatin(s string) string {
	var b strings.Builder
	double := false
	for _, r := range s {
		if r >= 0x30A1 && r <= 0x30F6 { // katakana → hiragana
			r -= 0x60
		}
		switch {
		case r == 'っ':
			double = true
			continue
		case r == 'ー' || r == '・':
			continue
		}
		if sm, ok := smallKana[r]; ok {
			cur := b.String()
			if strings.HasSuffix(cur, "i") && sm[0] == 'y' { // yōon
				cur = strings.TrimSuffix(cur, "i")
				if strings.HasSuffix(cur, "sh") || strings.HasSuffix(cur, "ch") || strings.HasSuffix(cur, "j") {
					sm = sm[1:]
				}
			} else if n := len(cur); n > 0 && strings.ContainsRune("aiueo", rune(cur[n-1])) && n > 1 {
				cur = cur[:n-1]
			}
			b.Reset()
			b.WriteString(cur)
			b.WriteString(sm)
			continue
		}
		syl, ok := kana[r]
		if !ok {
			continue
		}
		if double && syl != "" && !strings.ContainsRune("aiueon", rune(syl[0])) {
			b.WriteByte(syl[0])
		}
		double = false
		b.WriteString(syl)
	}
	return b.String()
}

// Hangul jamo in the Revised Romanisation; a second table in the McCune–Reischauer manner without its
// diacritics (k, t, p, ch initials; o, u for ŏ, ŭ), which most older and North Korean spellings follow.
var (
	hangulInitialRR = []string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulInitialMR = []string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"}
	hangulMedialRR  = []string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulMedialMR  = []string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	hangulFinal     = []string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// Customary spellings of frequent Korean name syllables (surnames above all) that neither system produces.
var hangulCustomary = map[rune][]string{
	'이': {"lee", "yi", "ri", "rhee"}, '박': {"park"}, '최': {"choi", "choe"}, '노': {"roh", "noh"},
	'류': {"ryu", "yoo"}, '유': {"yoo", "yu"}, '임': {"lim", "im"}, '정': {"jung", "chung", "jong"}, '조': {"cho", "jo"},
	'신': {"shin"}, '윤': {"yoon"}, '오': {"oh"}, '서': {"suh", "seo"}, '안': {"ahn"}, '전': {"jeon", "chun", "jun"},
	'문': {"moon"}, '손': {"sohn"}, '허': {"huh"}, '심': {"shim"}, '구': {"koo"}, '성': {"sung"}, '우': {"woo"},
	'주': {"joo", "ju"}, '진': {"jin", "chin"}, '김': {"kim"}, '현': {"hyun"}, '변': {"byun"}, '명': {"myung"},
	'석': {"suk"}, '선': {"sun"}, '순': {"soon"}, '영': {"young"}, '경': {"kyung"}, '은': {"eun", "un"},
	'희': {"hee"}, '호': {"ho"}, '훈': {"hoon"}, '준': {"joon", "jun"}, '수': {"soo"}, '철': {"chul", "chol"},
}

// hangulToLatin romanises one Hangul syllable (words are cut into syllables before).
func hangulToLatin(s string) []string {
	var out []string
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			continue
		}
		i := int(r - 0xAC00)
		l, v, t := i/588, (i%588)/28, i%28
		rr := hangulInitialRR[l] + hangulMedialRR[v] + hangulFinal[t]
		mr := hangulInitialMR[l] + hangulMedialMR[v] + hangulFinal[t]
		mixed := hangulInitialRR[l] + hangulMedialMR[v] + hangulFinal[t]
		out = append(out, rr, mr, mixed)
		out = append(out, hangulCustomary[r]...)
	}
	return distinct(out...)
}

// kanaReadings adds, to a romanised katakana word, the form without the vowel Japanese adds after a final
// consonant of a foreign name (バラク baraku → barak, スミス sumisu → sumis).
func kanaReadings(s string) []string {
	n := len(s)
	if n >= 4 && (s[n-1] == 'u' || s[n-1] == 'o') && !isVowel(s[n-2]) && s[n-2] != 'n' {
		return []string{s, s[:n-1]}
	}
	return []string{s}
}
