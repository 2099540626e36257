package names

import "strconv"

var numberWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90,
}

// readNumberWords turns English number words and ordinals into digits: "First" → 1, "Forty-Four" and
// "Forty 4" → 44. ("ten" is also a Dutch particle; it is read as a number only next to another number.)
func readNumberWords(words []word) []word {
	out := make([]word, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w.script != scriptLatin {
			out = append(out, w)
			continue
		}
		if t, ok := tensWords[w.text]; ok {
			if i+1 < len(words) {
				if u, ok := unitOf(words[i+1].text); ok && u > 0 && u < 10 {
					t += u
					i++
				}
			}
			out = append(out, word{text: strconv.Itoa(t), script: scriptLatin})
			continue
		}
		if v, ok := numberWords[w.text]; ok && (w.text != "ten" || len(words) == 1) {
			out = append(out, word{text: strconv.Itoa(v), script: scriptLatin})
			continue
		}
		out = append(out, w)
	}
	return out
}

func unitOf(s string) (int, bool) {
	if v, ok := numberWords[s]; ok {
		return v, true
	}
	if v, err := strconv.Atoi(s); err == nil {
		return v, true
	}
	return 0, false
}
