package main

import "fmt"

// Words of ordinary company names, combined deterministically into synthetic names of the kind customs
// records carry: a place or a fancy word, an activity, a trade word and a legal form, in several languages.
var (
	firstWords = []string{"Green Valley", "Blue Ocean", "Golden Harvest", "Silver Birch", "Sunrise", "Northern Star",
		"Maple Leaf", "Red River", "Crystal Lake", "Evergreen", "Oak Hill", "Coral Bay", "Pine Ridge", "Amber Coast",
		"Meadowbrook", "Stonebridge", "Riverside", "Lakeshore", "Highland", "Seaside", "Kayseri Modern", "Bursa Yeni",
		"Ningbo Happy", "Yiwu Bright", "Xiamen Ocean Star", "Fujian Sunshine", "Весёлый", "Северный ветер", "Uzbek Cotton",
		"Almaty Fresh", "Dubai Palm", "Sharjah Pearl", "Izmir Ege", "Antalya Sun", "Hamburg Harbour", "Lyon Soie"}
	activities = []string{"Textile", "Furniture", "Dairy Products", "Toys", "Garden Tools", "Paper Packaging",
		"Ceramic Tiles", "Bicycle Parts", "Kitchenware", "Cosmetics", "Footwear", "Fruit Juice", "Stationery",
		"Plumbing Supplies", "Glassware", "Pet Food", "Candles", "Carpets", "Honey", "Spices", "Tea", "Knitwear",
		"Мебель", "Игрушки", "Halı", "Tekstil"}
	tradeWords = []string{"Trading", "Manufacturing", "Import Export", "Industries", "Supplies", "Products",
		"Group", "International", "Distribution", "Wholesale"}
	legalForms = []string{"LLC", "Ltd", "Co., Ltd.", "GmbH", "FZE", "ООО", "ТОО", "Ltd. Şti.", "S.A.", "Pvt Ltd",
		"Inc.", "Sp. z o.o.", "有限公司", "JSC", "B.V."}
)

// syntheticCompanies returns n company names made of the word lists, each different (at most every
// combination): a mixed-radix walk, with the place changing fastest and the legal form slowest after a stride.
func syntheticCompanies(n int) []string {
	total := len(firstWords) * len(activities) * len(tradeWords) * len(legalForms)
	out := make([]string, 0, min(n, total))
	for i := 0; len(out) < n && i < total; i++ {
		j := (i * 7919) % total // 7919 is prime and divides no radix product: every combination once
		a := j % len(firstWords)
		j /= len(firstWords)
		b := j % len(activities)
		j /= len(activities)
		c := j % len(tradeWords)
		j /= len(tradeWords)
		d := j % len(legalForms)
		out = append(out, fmt.Sprintf("%s %s %s %s", firstWords[a], activities[b], tradeWords[c], legalForms[d]))
	}
	return out
}
