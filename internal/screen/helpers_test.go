package screen

import (
	"bufio"
	"os"
	"strings"
)

// nonMatching are the synthetic ordinary company names of testdata/ordinary_companies.txt.
var nonMatching = mustLines("testdata/ordinary_companies.txt")

func mustLines(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
