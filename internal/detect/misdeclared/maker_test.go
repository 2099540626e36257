package misdeclared

import (
	"sync"
	"testing"
)

// TestPassMakerOf: the pass's kept answer is the tables' for each brand and maker field, asked once or again
// from several goroutines, a maker named in either field and none at all alike.
func TestPassMakerOf(t *testing.T) {
	tabs, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	p := &pass{tabs: tabs}
	pairs := [][2]string{
		{"TEXAS INSTRUMENTS", ""}, {"", "Texas Instr. Inc"}, {"TI", "Analog Devices Inc"}, {"XILINX", "TEXAS INSTRUMENTS"},
		{"NONAME", ""}, {"", ""}, {"Linear Technology", "noname"},
	}
	found := 0
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				for _, pr := range pairs {
					if got, want := p.makerOf(pr[0], pr[1]), tabs.makerOf(pr[0], pr[1]); got != want {
						t.Errorf("makerOf(%q, %q) = %v, want %v", pr[0], pr[1], got, want)
					}
				}
			}
		})
	}
	wg.Wait()
	for _, pr := range pairs {
		if tabs.makerOf(pr[0], pr[1]) != nil {
			found++
		}
	}
	if found < 4 || found == len(pairs) {
		t.Errorf("%d of %d pairs name a maker: the table changed, the test needs pairs that name one and pairs that do not", found, len(pairs))
	}
}
