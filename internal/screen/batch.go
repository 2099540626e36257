package screen

import (
	"runtime"
	"sync"

	"tradetrace/internal/trade"
)

// ScreenAll screens many queries on every core (workers ≤ 0 means GOMAXPROCS) and returns their matches in
// the order of the queries.
func (ix *Index) ScreenAll(qs []Query, workers int) [][]Match {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([][]Match, len(qs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(qs); i += workers {
				out[i] = ix.Screen(qs[i])
			}
		}(w)
	}
	wg.Wait()
	return out
}

// topicWeight is how much a listing with this topic weighs in a party's risk: sanctions and the military
// lists fully, export controls a little less, the PRC's counter-sanctions (which list Western companies) little.
var topicWeight = map[trade.Topic]float64{
	trade.TopicSanction: 1, trade.TopicMilitaryEndUser: 1, trade.TopicStateDefence: 1, trade.TopicMilitaryComplex: 1,
	trade.TopicExportControl: 0.9, trade.TopicCounterSanction: 0.3,
}

// TopicWeight returns the heaviest weight of the topics (0.6 for topics it does not know, 0 for none).
func TopicWeight(topics []trade.Topic) float64 {
	w := 0.0
	for _, t := range topics {
		tw, ok := topicWeight[t]
		if !ok {
			tw = 0.6
		}
		w = max(w, tw)
	}
	return w
}

// Risk is a match's weight as risk in [0, 1]: its score times the weight of its topics.
func (m Match) Risk() float64 { return m.Score.Value * TopicWeight(m.Topics) }
