package goods_test

import (
	"fmt"

	"tradetrace/internal/goods"
)

func ExampleClassify() {
	r := goods.Classify("civilian hunting rifles CQ-A 5.56")
	fmt.Println(r.Class, r.Chapters, r.Headings)
	fmt.Println("declared as", r.DeclaredClass, "- contradicts:", r.Contradicts())
	for _, e := range r.Evidence {
		fmt.Printf("%s %q → %s %+.2f\n", e.Kind, e.Text, e.Class, e.Weight)
	}
	// Output:
	// arms.military [93] [9301 9303]
	// declared as arms.sporting_hunting - contradicts: true
	// claim "civilian" → civilian +0.00
	// claim "hunting" → arms.sporting_hunting +0.00
	// word "rifles" → arms.sporting_hunting +0.60
	// model "cq a" → arms.military +0.95
	// calibre "5.56" → arms.military +0.60
}

func ExampleClassifyFields() {
	r := goods.ClassifyFields("Аккумулятор для квадрокоптера", "Battery for quadcopter", "DJI", "")
	fmt.Println(r.Class, r.Chapters)
	// Output:
	// drone.parts [88]
}
