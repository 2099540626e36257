package screen

import "testing"

func TestProbe(t *testing.T) {
	ix := realIndex(t)
	for _, q := range []string{"Da-Jiang Innovations Science & Technology Co. (DJI)", "深圳市大疆创新科技有限公司", "DA-JIANG INNOVATIONS SCIENCE AND TECHNOLOGY CO., LTD.", "SHENZHEN DJI SCIENCES AND TECHNOLOGIES LTD.", "CHINA NORTH INDUSTRIES CORPORATION (NORINCO)", "中国北方工业有限公司", "ZAO TEKHKRIM", "ЗАО \"ТЕХКРИМ\"", "АО \"РОСОБОРОНЭКСПОРТ\"", "XINXING GUANGZHOU IMPORT & EXPORT CO., LTD.", "MUGIN LIMITED", "XI'AN BINGO INTELLIGENT AVIATION TECHNOLOGY CO., LTD."} {
		ms := ix.Screen(Query{Name: q, Top: 3, MinScore: 0.3})
		for _, m := range ms {
			t.Logf("%q → %s %q via %q %.3f", q, m.List, m.Caption, m.Name, m.Score.Value)
		}
		if len(ms) == 0 {
			t.Logf("%q → nothing", q)
		}
	}
}
