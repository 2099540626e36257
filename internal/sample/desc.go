package sample

import (
	"strconv"
)

// Descriptions are free text the way declarants write them: the commodity, its brand, model and maker,
// the quantity, boilerplate disclaimers, and a vendor cut at a fixed length.

const (
	cutRU = 200 // runes kept of a Russian or Kazakh description
	cutEN = 255 // characters kept of an English rendering
	cutTR = 200
)

var unitWords = map[string][4]string{ // Russian, Turkish, English, canonical
	"PCS": {"ШТ", "ADET", "PCS", "PCS"},
	"KG":  {"КГ", "KG", "KG", "KG"},
	"M2":  {"М2", "M2", "M2", "M2"},
	"M":   {"М", "M", "M", "M"},
	"L":   {"Л", "LT", "L", "L"},
	"PR":  {"ПАР", "ÇİFT", "PAIRS", "PR"},
	"SET": {"КОМПЛ", "TAKIM", "SETS", "SET"},
}

func unitWord(unit string, lang int) string {
	if w, ok := unitWords[unit]; ok {
		return w[lang]
	}
	return unit
}

const (
	langRU = iota
	langTR
	langEN
)

// disclaimers are the phrases declarants add to descriptions of technical goods; detectors that look for
// the word "military" must not fire on them.
var disclaimers = [][2]string{
	{"НЕ ЯВЛЯЕТСЯ ТОВАРОМ ВОЕННОГО НАЗНАЧЕНИЯ", "NOT MILITARY GOODS"},
	{"ДЛЯ ГРАЖДАНСКОГО ПРИМЕНЕНИЯ", "FOR CIVIL USE"},
	{"НЕ ЛОМ ЭЛЕКТРООБОРУДОВАНИЯ", "NOT ELECTRICAL SCRAP"},
	{"НЕ СОДЕРЖИТ ШИФРОВАЛЬНЫХ (КРИПТОГРАФИЧЕСКИХ) СРЕДСТВ", "DOES NOT CONTAIN CRYPTOGRAPHIC MEANS"},
	{"НЕ ДЛЯ ВОЕННЫХ ЦЕЛЕЙ", "NOT FOR MILITARY PURPOSES"},
}

var textileMix = [][2]string{{"100% ХЛОПОК", "100% COTTON"}, {"95% ХЛОПОК, 5% ЭЛАСТАН", "95% COTTON, 5% ELASTANE"},
	{"100% ПОЛИЭСТЕР", "100% POLYESTER"}, {"65% ПОЛИЭСТЕР, 35% ВИСКОЗА", "65% POLYESTER, 35% VISCOSE"}}

func appendQty(b []byte, q float64) []byte { return appendNum(b, q) }

// describeRU renders an item in Russian and in the vendor's rough English, into ru and en (reused
// buffers, emptied first).
func describeRU(r *rng, it *item, ru, en []byte) ([]byte, []byte) {
	ru, en = ru[:0], en[:0]
	ruPhrase, enPhrase := it.ru, it.en // item phrases are upper case
	style := r.intn(10)
	if style < 2 {
		ru = append(ru, "1) "...)
	}
	ru = append(ru, ruPhrase...)
	en = append(en, enPhrase...)
	if it.extraRU != "" {
		ru = append(append(ru, ", "...), it.extraRU...)
		en = append(append(en, ", "...), it.extraEN...)
	}
	switch it.group {
	case gElec, gInst, gMach:
		if r.chance(0.35) {
			d := disclaimers[r.intn(len(disclaimers))]
			ru = append(append(ru, ", "...), d[0]...)
			en = append(append(en, ", "...), d[1]...)
		}
	case gText:
		if it.unit != "KG" && r.chance(0.6) {
			m := textileMix[r.intn(len(textileMix))]
			ru = append(append(ru, ", СОСТАВ: "...), m[0]...)
			en = append(append(en, ", COMPOSITION: "...), m[1]...)
		}
	}
	if style < 7 {
		ru = append(ru, ", ПРОИЗВОДИТЕЛЬ: "...)
		ru = append(ru, it.maker...)
		en = append(en, ", MANUFACTURER: "...)
		en = append(en, it.maker...)
		if it.brand != "" {
			ru = append(append(ru, ", ТОВАРНЫЙ ЗНАК: "...), it.brand...)
			en = append(append(en, ", TRADEMARK: "...), it.brand...)
		} else {
			ru = append(ru, ", ТОВАРНЫЙ ЗНАК: ОТСУТСТВУЕТ"...)
			en = append(en, ", TRADEMARK: ABSENT"...)
		}
		if it.model != "" {
			ru = append(append(ru, ", МОДЕЛЬ: "...), it.model...)
			en = append(append(en, ", MODEL: "...), it.model...)
		}
		ru = append(ru, ", КОЛ-ВО: "...)
		ru = appendQty(ru, it.qty)
		ru = append(append(ru, ' '), unitWord(it.unit, langRU)...)
		en = append(en, ", QTY: "...)
		en = appendQty(en, it.qty)
		en = append(append(en, ' '), unitWord(it.unit, langEN)...)
		if it.origin != nil && r.chance(0.6) {
			ru = append(append(ru, ", СТРАНА ПРОИСХОЖДЕНИЯ: "...), it.origin.ru...)
			en = append(append(en, ", COUNTRY OF ORIGIN: "...), it.origin.en...)
		}
		if r.chance(0.5) {
			if it.packages > 20 {
				ru = append(ru, ", УПАКОВКА: ПАЛЛЕТЫ, КОЛ-ВО МЕСТ: "...)
				en = append(en, ", PACKING: PALLETS, PACKAGES: "...)
			} else {
				ru = append(ru, ", УПАКОВКА: КАРТОННЫЕ КОРОБКИ, КОЛ-ВО МЕСТ: "...)
				en = append(en, ", PACKING: CARTON BOXES, PACKAGES: "...)
			}
			ru = strconv.AppendInt(ru, int64(it.packages), 10)
			en = strconv.AppendInt(en, int64(it.packages), 10)
		}
	} else {
		if it.brand != "" {
			ru = append(append(ru, ' '), it.brand...)
			en = append(append(en, ' '), it.brand...)
		}
		if it.model != "" {
			ru = append(append(ru, ' '), it.model...)
			en = append(append(en, ' '), it.model...)
		}
		ru = append(ru, " ("...)
		ru = append(ru, it.maker...)
		ru = append(ru, ')')
	}
	return truncRunes(ru, cutRU), truncRunes(en, cutEN)
}

// describeTR renders an item in Turkish and English, the way Turkish declarations write the commercial
// description ("... MARKA ... MODEL").
func describeTR(r *rng, it *item, tr, en []byte) ([]byte, []byte) {
	tr, en = tr[:0], en[:0]
	tr = append(tr, it.tr...)
	en = append(en, it.en...)
	if it.extraTR != "" {
		tr = append(append(tr, ' '), it.extraTR...)
		en = append(append(en, ", "...), it.extraEN...)
	}
	if it.brand != "" {
		tr = append(append(tr, ' '), it.brand...)
		tr = append(tr, " MARKA"...)
		en = append(append(en, ", BRAND: "...), it.brand...)
	}
	if it.model != "" {
		tr = append(append(tr, ' '), it.model...)
		tr = append(tr, " MODEL"...)
		en = append(append(en, ", MODEL: "...), it.model...)
	}
	if r.chance(0.5) {
		tr = append(tr, ' ')
		tr = appendQty(tr, it.qty)
		tr = append(append(tr, ' '), unitWord(it.unit, langTR)...)
	}
	return truncRunes(tr, cutTR), truncRunes(en, cutEN)
}

// describeZH renders an item for a Chinese export record: Chinese with the customs declaration elements
// separated by "|", or English.
func describeZH(r *rng, it *item, b []byte) []byte {
	b = b[:0]
	if r.chance(0.55) {
		if r.chance(0.5) {
			b = append(b, "0|0|"...)
			b = append(b, it.zh...)
			b = append(b, '|')
			if it.brand != "" {
				b = append(append(b, it.brand...), "牌|"...)
			} else {
				b = append(b, "无品牌|"...)
			}
			b = append(b, it.model...)
			if it.extraZH != "" {
				b = append(append(b, '|'), it.extraZH...)
			}
			return b
		}
		b = append(b, it.zh...)
		if it.extraZH != "" {
			b = append(append(b, ' '), it.extraZH...)
		}
		if it.brand != "" {
			b = append(append(b, " 品牌:"...), it.brand...)
		}
		if it.model != "" {
			b = append(append(b, " 型号:"...), it.model...)
		}
		return b
	}
	return describeEN(r, it, b)
}

// describeEN renders an item in English, as export records of the Emirates and China carry it.
func describeEN(r *rng, it *item, b []byte) []byte {
	b = b[:0]
	b = append(b, it.en...)
	if it.extraEN != "" {
		b = append(append(b, ", "...), it.extraEN...)
	}
	if it.brand != "" {
		if r.chance(0.5) {
			b = append(append(b, " - "...), it.brand...)
		} else {
			b = append(append(b, ", BRAND: "...), it.brand...)
		}
	}
	if it.model != "" {
		b = append(append(b, ' '), it.model...)
	}
	if r.chance(0.3) {
		b = append(b, ", "...)
		b = strconv.AppendInt(b, int64(it.qty), 10)
		b = append(append(b, ' '), unitWord(it.unit, langEN)...)
	}
	return truncRunes(b, cutEN)
}
