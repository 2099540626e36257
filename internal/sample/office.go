package sample

import "strings"

// Customs offices of the reporting countries, and which of them goods from a given country clear at.

type ruPost struct {
	office
	mode  int
	from  string // countries whose goods usually clear here, space-separated; "" for any
	after bool   // used mostly after February 2022 (routes through Central Asia and the Caucasus)
}

var ruPosts = []ruPost{
	{office{"10702070", "Т/П МОРСКОЙ ПОРТ ВЛАДИВОСТОК", "VLADIVOSTOK SEA PORT CUSTOMS POST"}, modeSea, "CN KR JP VN HK TH MY TW ID SG", false},
	{office{"10714040", "Т/П МАПП ЗАБАЙКАЛЬСК", "ZABAIKALSK ROAD BORDER CROSSING CUSTOMS POST"}, modeRail, "CN", false},
	{office{"10612050", "Т/П БЛАГОВЕЩЕНСКИЙ", "BLAGOVESHCHENSK CUSTOMS POST"}, modeRoad, "CN", false},
	{office{"10216170", "Т/П БАЛТИЙСКИЙ", "BALTIYSKY CUSTOMS POST"}, modeSea, "DE NL BE FI PL IT ES FR GB US SE DK TR EC BR IN", false},
	{office{"10228010", "Т/П МАПП ТОРФЯНОВКА", "TORFYANOVKA ROAD BORDER CROSSING CUSTOMS POST"}, modeRoad, "FI SE DE EE LT LV PL", false},
	{office{"10013160", "Т/П АЭРОПОРТ ШЕРЕМЕТЬЕВО (ГРУЗОВОЙ)", "SHEREMETYEVO AIRPORT (CARGO) CUSTOMS POST"}, modeAir, "AE HK US GB DE CH IL JP KR TW SG", false},
	{office{"10002010", "Т/П АЭРОПОРТ ДОМОДЕДОВО (ГРУЗОВОЙ)", "DOMODEDOVO AIRPORT (CARGO) CUSTOMS POST"}, modeAir, "AE HK TR CN", false},
	{office{"10012020", "Т/П ЦЕНТРАЛЬНЫЙ ЭЛЕКТРОННЫЙ", "CENTRAL ELECTRONIC CUSTOMS POST"}, modeRoad, "", false},
	{office{"10130090", "Т/П ЩЕРБИНСКИЙ", "SHCHERBINSKY CUSTOMS POST"}, modeRoad, "", false},
	{office{"10317090", "Т/П МОРСКОЙ ПОРТ НОВОРОССИЙСК", "NOVOROSSIYSK SEA PORT CUSTOMS POST"}, modeSea, "TR EG MA EC IN BR AE IR", false},
	{office{"10502110", "Т/П ЕКАТЕРИНБУРГ-ЦЕНТРАЛЬНЫЙ", "YEKATERINBURG CENTRAL CUSTOMS POST"}, modeRail, "KZ KG UZ CN", true},
	{office{"10609050", "Т/П НОВОСИБИРСКИЙ", "NOVOSIBIRSK CUSTOMS POST"}, modeRail, "KZ CN KG", true},
	{office{"10511010", "Т/П ОРЕНБУРГСКИЙ", "ORENBURG CUSTOMS POST"}, modeRoad, "KZ KG UZ", true},
	{office{"10802080", "Т/П МАПП ВЕРХНИЙ ЛАРС", "VERKHNY LARS ROAD BORDER CROSSING CUSTOMS POST"}, modeRoad, "AM GE TR AZ", true},
	{office{"10404083", "Т/П КАЗАНСКИЙ", "KAZAN CUSTOMS POST"}, modeRoad, "", false},
}

// ruPostFor picks the post where goods shipped from a country clear.
func ruPostFor(r *rng, from *country) *ruPost {
	var cand []*ruPost
	for i := range ruPosts {
		p := &ruPosts[i]
		if p.from != "" && strings.Contains(p.from, from.code) {
			cand = append(cand, p)
		}
	}
	if len(cand) == 0 || r.chance(0.3) {
		for i := range ruPosts {
			if ruPosts[i].from == "" {
				cand = append(cand, &ruPosts[i])
			}
		}
	}
	return cand[r.intn(len(cand))]
}

var (
	kzOffices = []office{
		{"55205", `Т/П "ЦТО-АЛМАТЫ"`, "ALMATY CUSTOMS CLEARANCE CENTRE"},
		{"62501", `Т/П "ЦТО-АСТАНА"`, "ASTANA CUSTOMS CLEARANCE CENTRE"},
		{"59201", `Т/П "ЦТО-ШЫМКЕНТ"`, "SHYMKENT CUSTOMS CLEARANCE CENTRE"},
		{"51601", `Т/П "ЦТО-АКТОБЕ"`, "AKTOBE CUSTOMS CLEARANCE CENTRE"},
		{"53801", `Т/П "ЦТО-КАРАГАНДА"`, "KARAGANDA CUSTOMS CLEARANCE CENTRE"},
		{"55006", `Т/П "АЭРОПОРТ АЛМАТЫ"`, "ALMATY AIRPORT CUSTOMS POST"},
	}
	kzBorders = map[int][]office{
		modeRoad: {{"55207", `Т/П "ХОРГОС"`, "KHORGOS"}, {"51602", `Т/П "ЖАЙСАН"`, "ZHAISAN"}, {"59205", `Т/П "ЖИБЕК ЖОЛЫ"`, "ZHIBEK ZHOLY"}},
		modeRail: {{"55214", `Т/П "ДОСТЫК"`, "DOSTYK"}, {"55216", `Т/П "АЛТЫНКОЛЬ"`, "ALTYNKOL"}},
		modeSea:  {{"51501", `Т/П "МОРПОРТ АКТАУ"`, "AKTAU SEAPORT"}},
		modeAir:  {{"55006", `Т/П "АЭРОПОРТ АЛМАТЫ"`, "ALMATY AIRPORT"}, {"62502", `Т/П "АЭРОПОРТ АСТАНА"`, "ASTANA AIRPORT"}},
	}
	trOffices = []office{
		{"341200", "HALKALI GÜMRÜK MÜDÜRLÜĞÜ", "HALKALI CUSTOMS DIRECTORATE"},
		{"341300", "AMBARLI GÜMRÜK MÜDÜRLÜĞÜ", "AMBARLI CUSTOMS DIRECTORATE"},
		{"340100", "İSTANBUL HAVALİMANI GÜMRÜK MÜDÜRLÜĞÜ", "ISTANBUL AIRPORT CUSTOMS DIRECTORATE"},
		{"060100", "ANKARA GÜMRÜK MÜDÜRLÜĞÜ", "ANKARA CUSTOMS DIRECTORATE"},
		{"350100", "İZMİR GÜMRÜK MÜDÜRLÜĞÜ", "IZMIR CUSTOMS DIRECTORATE"},
		{"160100", "BURSA GÜMRÜK MÜDÜRLÜĞÜ", "BURSA CUSTOMS DIRECTORATE"},
		{"330100", "MERSİN GÜMRÜK MÜDÜRLÜĞÜ", "MERSIN CUSTOMS DIRECTORATE"},
		{"270100", "GAZİANTEP GÜMRÜK MÜDÜRLÜĞÜ", "GAZIANTEP CUSTOMS DIRECTORATE"},
		{"410300", "DERİNCE GÜMRÜK MÜDÜRLÜĞÜ", "DERINCE CUSTOMS DIRECTORATE"},
		{"080100", "SARP GÜMRÜK MÜDÜRLÜĞÜ", "SARP CUSTOMS DIRECTORATE"},
	}
	cnOffices = map[string]string{"SHENZHEN": "5304", "GUANGZHOU": "5141", "YIWU": "2933", "NINGBO": "3104",
		"SHANGHAI": "2248", "DONGGUAN": "5202", "HANGZHOU": "2901", "XIAMEN": "3702", "QINGDAO": "4227", "TIANJIN": "0202",
		"BEIJING": "0101", "SUZHOU": "2305", "FOSHAN": "5160", "WENZHOU": "2920", "XI'AN": "9001", "CHENGDU": "7901",
		"WUHAN": "4701", "DALIAN": "0902", "ZHENGZHOU": "4601", "URUMQI": "9401", "HARBIN": "1901", "MANZHOULI": "0607",
		"SUIFENHE": "1903"}
	aeOffices = []string{"101", "102", "201", "205", "301"} // Dubai sea, Dubai air, Jebel Ali, Jebel Ali free zone, Sharjah
)

// brokers are Russian customs representatives: name and registry number.
type broker struct{ name, code string }

func newBrokers(r *rng, n int, seen map[string]bool) []broker {
	out := make([]broker, n)
	for i := range out {
		stem, _ := ruStem(r, seen)
		out[i] = broker{`ООО "` + stem + `"`, pad4(r.intn(1900)+10) + "/0" + string(rune('0'+r.intn(3)))}
	}
	return out
}

func pad4(v int) string {
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0 && v > 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b)
}
