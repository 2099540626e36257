package names

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Single-word aliases of one or two Latin letters are legal forms only when they are unambiguous at the end
// or start of a name; the others (II, IN, IS, AT, …) are too often a numeral or a word.
var shortLegalForms = map[string]bool{
	"ag": true, "ao": true, "as": true, "ab": true, "bv": true, "nv": true, "sa": true, "se": true, "kg": true,
	"lp": true, "gp": true, "oy": true, "pt": true, "cv": true, "ip": true, "na": true, "kk": true, "dd": true,
	"ad": true, "od": true, "zs": true, "ev": true, "eg": true, "ek": true, "ug": true,
}

// loadLegalForms reads rigour's org_types.yml. Every alias, the display form and the compare form of a type
// stand for it; Cyrillic aliases are also matched in their Latin transliteration.
func (d *data) loadLegalForms(b []byte) error {
	var doc struct {
		Types []struct {
			Display string   `yaml:"display"`
			Compare string   `yaml:"compare"`
			Generic string   `yaml:"generic"`
			Aliases []string `yaml:"aliases"`
		} `yaml:"types"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("parse org_types.yml: %w", err)
	}
	for _, p := range legalDescriptors {
		d.descriptors.add(wordTexts(p), struct{}{}, false)
	}
	for _, t := range doc.Types {
		form := t.Compare
		if form == "" {
			form = t.Display
		}
		if form == "" && len(t.Aliases) > 0 {
			form = t.Aliases[0]
		}
		family := t.Generic
		if family == "" {
			family = form
		}
		all := append([]string{t.Display, t.Compare}, t.Aliases...)
		for _, a := range all {
			ws := tokenize(a)
			if len(ws) == 0 {
				continue
			}
			if len(ws) == 1 && ws[0].script == scriptLatin && len(ws[0].text) <= 2 && !shortLegalForms[ws[0].text] {
				continue
			}
			lf := LegalForm{Form: form, Family: family}
			texts := make([]string, len(ws))
			latin := make([]string, len(ws))
			cyr := false
			for i, w := range ws {
				texts[i] = w.text
				if w.script == scriptCyrillic {
					cyr = true
				}
				latin[i] = cyrillicToLatin(w.text)
			}
			d.legal.add(texts, lf, false)
			if cyr && (len(latin) > 1 || len(latin[0]) > 3) {
				d.legal.add(latin, lf, false)
			}
		}
	}
	return nil
}

// stripLegalForms sets aside the legal forms at the start and the end of a name, repeatedly ("OOO Gazprom",
// "Samsung Electronics Co., Ltd.", "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY"). A name is never
// emptied: the last words stay as they are. People's names are left alone.
func (d *data) stripLegalForms(words []word, kind Kind) ([]word, []LegalForm) {
	if kind == KindPerson {
		return words, nil
	}
	var found []LegalForm
	for len(words) > 1 {
		if n, lf := d.legal.longestEndingAt(words, len(words)); n > 0 && n < len(words) {
			lf.Text = joinText(words[len(words)-n:])
			words = words[:len(words)-n]
			if k, _ := d.descriptors.longestEndingAt(words, len(words)); k > 0 && k < len(words) {
				lf.Text = joinText(words[len(words)-k:]) + " " + lf.Text
				words = words[:len(words)-k]
			}
			found = append(found, lf)
			continue
		}
		if k := singleLetterTail(words); k > 0 && k < len(words) {
			// "SP Z O O": the letters of a dotted form written without its dots
			joined := append(append([]word{}, words[:len(words)-k]...), joinWords2(words[len(words)-k:]))
			if n, lf := d.legal.longestEndingAt(joined, len(joined)); n > 0 && n < len(joined) {
				lf.Text = joinText(words[len(joined)-n:])
				found = append(found, lf)
				words = words[:len(joined)-n]
				continue
			}
		}
		if n, lf := d.legal.longestAt(words, 0); n > 0 && n < len(words) {
			lf.Text = joinText(words[:n])
			found = append(found, lf)
			words = words[n:]
			continue
		}
		break
	}
	return words, found
}

// singleLetterTail returns how many single Latin letters end the name, when two or more do.
func singleLetterTail(words []word) int {
	k := 0
	for i := len(words) - 1; i >= 0 && words[i].script == scriptLatin && len(words[i].text) == 1; i-- {
		k++
	}
	if k < 2 {
		return 0
	}
	return k
}

// joinWords2 glues words into one without spaces.
func joinWords2(ws []word) word {
	out := ws[0]
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
	}
	out.text = b.String()
	return out
}

// Words that stand before a legal form and describe the company's trade rather than name it (Turkish
// "Sanayi ve Ticaret", "San. ve Tic. Ltd. Şti."; "Dış Ticaret"; "İthalat İhracat"). They are set aside with the
// legal form.
var legalDescriptors = []string{
	"sanayi ve ticaret", "san ve tic", "san tic", "sanayi ticaret", "ve tic", "tic", "ticaret", "ith ihr",
	"ithalat ihracat", "ithalat ve ihracat", "ic ve dis ticaret", "ic ve dis tic", "dis ticaret", "dis tic",
	"ith ihr san ve tic", "ith ihr ve tic", "pazarlama", "paz",
}

// stripPrefixes removes a leading "the" from any name and leading titles (Mr, Dr, President …) from people's
// names and names of unknown kind.
func (d *data) stripPrefixes(words []word, kind Kind) []word {
	for len(words) > 1 {
		if words[0].text == "the" {
			words = words[1:]
			continue
		}
		if kind == KindVessel && (words[0].text == "mv" || words[0].text == "m") {
			words = words[1:]
			continue
		}
		if kind == KindPerson || kind == KindUnknown {
			if n, _ := d.perPrefixes.longestAt(words, 0); n > 0 && n < len(words) {
				words = words[n:]
				continue
			}
		}
		break
	}
	return words
}

// familyOf returns the families of a name's legal forms, joined for display.
func familyOf(lfs []LegalForm) string {
	var fams []string
	for _, lf := range lfs {
		if !contains(fams, lf.Family) {
			fams = append(fams, lf.Family)
		}
	}
	return strings.Join(fams, "+")
}
