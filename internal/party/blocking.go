package party

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"tradetrace/internal/names"
	"tradetrace/internal/par"
)

// nameStrings is the distinct names of the variants (both renderings, addresses glued to them removed),
// prepared once, with the variants that use each and the blocking index.
type nameStrings struct {
	text      []string
	prep      []names.Name
	keys      [][]string
	users     [][]int32  // variants using each string
	han       []bool     // per reading: the name is written in Chinese characters
	byVariant [][2]int32 // the strings of each variant (-1: none)
	search    []string   // normalised forms of each string, for search
	addr      [][2]int32 // address token sets of each variant (-1: none)
	addrToks  [][]string
	addrHan   []bool // the address is written in Chinese characters
}

func prepareStrings(ctx context.Context, vs []Variant, workers int) (*nameStrings, error) {
	s := &nameStrings{byVariant: make([][2]int32, len(vs)), addr: make([][2]int32, len(vs))}
	idx := map[string]int32{}
	addrIdx := map[string]int32{}
	var addrText []string
	for i := range vs {
		v := &vs[i]
		for k, a := range [2]string{v.Address, v.AddressEn} {
			s.addr[i][k] = -1
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			j, ok := addrIdx[a]
			if !ok {
				j = int32(len(addrText))
				addrIdx[a] = j
				addrText = append(addrText, a)
			}
			s.addr[i][k] = j
		}
		for k, nm := range [2]string{v.Name, v.NameEn} {
			s.byVariant[i][k] = -1
			if nm = strings.TrimSpace(nm); nm == "" {
				continue
			}
			nm = cleanName(nm, v.Address, v.AddressEn)
			j, ok := idx[nm]
			if !ok {
				j = int32(len(s.text))
				idx[nm] = j
				s.text = append(s.text, nm)
				s.users = append(s.users, nil)
			}
			if !slices.Contains(s.users[j], int32(i)) {
				s.users[j] = append(s.users[j], int32(i))
			}
			s.byVariant[i][k] = j
		}
	}
	s.prep = make([]names.Name, len(s.text))
	s.keys = make([][]string, len(s.text))
	s.search = make([]string, len(s.text))
	s.addrToks = make([][]string, len(addrText))
	s.addrHan = make([]bool, len(addrText))
	for i, a := range addrText {
		s.addrHan[i] = strings.ContainsFunc(a, isHan)
	}
	err := par.ForContext(ctx, len(s.text)+len(addrText), workers, func(i int) {
		if i >= len(s.text) {
			s.addrToks[i-len(s.text)] = addressTokens(addrText[i-len(s.text)])
			return
		}
		p := names.Prepare(s.text[i], names.Options{})
		s.prep[i] = p
		s.keys[i] = p.Keys()
		s.search[i] = searchWords(p)
	})
	if err != nil {
		return nil, fmt.Errorf("resolve parties: %w", err)
	}
	s.collapse()
	return s, nil
}

// collapse merges the name strings that read the same in Latin once legal forms are set aside ("ООО
// «КОПТЕР ЛАЙН»", "OOO KOPTER LAYN" and "KOPTER LAYN LLC"): they are compared once, as one name, and their
// variants are linked as if they wrote one string. prep, keys and users become per reading; text, search and
// byVariant stay per string.
func (s *nameStrings) collapse() {
	group := map[string]int32{}
	var prep []names.Name
	var keys [][]string
	var users [][]int32
	for i := range s.prep {
		k := s.prep[i].Latin()
		if k == "" {
			k = "\x00" + s.text[i]
		}
		g, ok := group[k]
		if !ok {
			g = int32(len(prep))
			group[k] = g
			prep = append(prep, s.prep[i])
			keys = append(keys, s.keys[i])
			users = append(users, nil)
		}
		for _, v := range s.users[i] {
			if !slices.Contains(users[g], v) {
				users[g] = append(users[g], v)
			}
		}
	}
	s.prep, s.keys, s.users = prep, keys, users
	s.han = make([]bool, len(prep))
	for g := range prep {
		s.han[g] = strings.ContainsFunc(prep[g].Raw(), isHan)
	}
	for g := range s.keys {
		s.keys[g] = s.extraKeys(s.keys[g], g)
	}
}

// extraKeys adds two blocking keys to the name engine's: the first four letters of each rare word's
// phonetic key ("q:armt" for ARMTEKH and ARMTECH, whose keys differ), and the numbers of the addresses the
// reading's variants are written with ("@101034 77"), so that two renderings of one firm at one address are
// compared even when every word is spelt differently.
func (s *nameStrings) extraKeys(keys []string, g int) []string {
	out := slices.Clone(keys)
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, t := range s.prep[g].Tokens() {
		if t.Role == names.RoleWord && t.Weight >= rareWeight && len(t.Key) >= 4 {
			add("q:" + t.Key[:4])
		}
	}
	for _, v := range s.users[g] {
		for _, a := range s.addr[v] {
			if a < 0 {
				continue
			}
			if nums := numbersOf(s.addrToks[a]); len(nums) > 0 {
				add("@" + strings.Join(nums, " "))
			}
		}
	}
	return out
}

// searchWords returns the normalised words of a name in its own script and in Latin, distinct.
func searchWords(p names.Name) string {
	ws := append(strings.Fields(p.Normalized()), strings.Fields(p.Latin())...)
	slices.Sort(ws)
	return strings.Join(slices.Compact(ws), " ")
}

// strEdge is a pair of name strings whose names match well enough to be looked at variant by variant.
type strEdge struct {
	i, j   int32
	name   float64 // name score
	strong bool    // a rare word agrees closely (see distinctivePair)
	cross  bool    // one name is in Chinese characters, the other is not
}

// candidates compares the name strings that share a blocking key, each pair once, skipping pairs whose
// variants are already one cluster.
func (s *nameStrings) candidates(ctx context.Context, root0 []int32, opt Options) ([]strEdge, int, error) {
	index := map[string][]int32{}
	for i, ks := range s.keys {
		for _, k := range ks {
			index[k] = append(index[k], int32(i))
		}
	}
	for k, b := range index {
		if len(b) > opt.MaxBucket {
			delete(index, k)
		}
	}
	// the single cluster all of a string's variants are in, or -1
	strRoot := make([]int32, len(s.prep))
	for i, us := range s.users {
		strRoot[i] = root0[us[0]]
		for _, v := range us[1:] {
			if root0[v] != strRoot[i] {
				strRoot[i] = -1
				break
			}
		}
	}
	out := make([][]strEdge, opt.Workers)
	counts := make([]int, opt.Workers)
	var wg sync.WaitGroup
	for w := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stamp := make([]int32, len(s.prep))
			shared := make([]uint8, len(s.prep))
			for i := range stamp {
				stamp[i] = -1
			}
			var cand []int32
			for i := w; i < len(s.prep); i += opt.Workers {
				if i%256 == w && ctx.Err() != nil {
					return
				}
				cand = cand[:0]
				for _, k := range s.keys[i] {
					for _, j := range index[k] {
						if int(j) <= i {
							continue
						}
						if stamp[j] != int32(i) {
							stamp[j] = int32(i)
							shared[j] = 0
							cand = append(cand, j)
						}
						// an address in common is enough to compare a name in Chinese characters with a
						// Latin one: their words rarely share a key
						if k[0] == '@' && s.han[i] != s.han[int(j)] {
							shared[j] = 254
						}
						if shared[j] < 255 {
							shared[j]++
						}
					}
				}
				for _, j := range cand {
					// One shared key is enough only for names with few keys: two names of several
					// words that agree on one prefix or skeleton are rarely one company.
					if need := min(len(s.keys[i]), len(s.keys[j]), minSharedKeys); int(shared[j]) < need {
						continue
					}
					if strRoot[i] >= 0 && strRoot[i] == strRoot[j] {
						continue
					}
					{
						sc := names.Compare(s.prep[i], s.prep[j])
						counts[w]++
						cross := s.han[i] != s.han[j]
						if sc.Value < nameFloor && !cross {
							continue
						}
						out[w] = append(out[w], strEdge{i: int32(i), j: j, name: sc.Value, strong: distinctivePair(sc, s.prep[i]), cross: cross})
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("resolve parties: %w", err)
	}
	var all []strEdge
	total := 0
	for w := range out {
		all = append(all, out[w]...)
		total += counts[w]
	}
	return all, total, nil
}
