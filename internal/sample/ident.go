package sample

// Tax and registration identifiers with their real check digits, so that a validator in the product
// accepts every generated identifier and a typo in one can be caught.

var (
	innWeights10 = [...]int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights11 = [...]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights12 = [...]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

func digitSum(d []byte, w []int) int {
	s := 0
	for i, c := range w {
		s += int(d[i]-'0') * c
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ValidINN reports whether s is a Russian taxpayer number (INN) with valid check digits: 10 digits for an
// organisation, 12 for a person or sole trader (ИП).
func ValidINN(s string) bool {
	if !allDigits(s) {
		return false
	}
	d := []byte(s)
	switch len(d) {
	case 10:
		return int(d[9]-'0') == digitSum(d, innWeights10[:])%11%10
	case 12:
		return int(d[10]-'0') == digitSum(d, innWeights11[:])%11%10 &&
			int(d[11]-'0') == digitSum(d, innWeights12[:])%11%10
	}
	return false
}

// makeINN completes a region prefix (2 digits for the region and 2 for the tax office) into an INN of 10
// digits (organisation) or 12 (person).
func makeINN(r *rng, prefix string, person bool) string {
	n := 10
	if person {
		n = 12
	}
	d := make([]byte, n)
	copy(d, prefix)
	for i := len(prefix); i < n; i++ {
		d[i] = byte('0' + r.intn(10))
	}
	if person {
		d[10] = byte('0' + digitSum(d, innWeights11[:])%11%10)
		d[11] = byte('0' + digitSum(d, innWeights12[:])%11%10)
	} else {
		d[9] = byte('0' + digitSum(d, innWeights10[:])%11%10)
	}
	return string(d)
}

// binCheck returns the check digit of the first 11 digits of a Kazakh BIN/IIN, or -1 when the number
// admits none (such numbers are never issued).
func binCheck(d []byte) int {
	s := 0
	for i := 0; i < 11; i++ {
		s += int(d[i]-'0') * (i + 1)
	}
	c := s % 11
	if c == 10 {
		s = 0
		for i := 0; i < 11; i++ {
			s += int(d[i]-'0') * ((i+2)%11 + 1)
		}
		c = s % 11
		if c == 10 {
			return -1
		}
	}
	return c
}

// ValidBIN reports whether s is a Kazakh business identification number (12 digits) with a valid check
// digit.
func ValidBIN(s string) bool {
	if len(s) != 12 || !allDigits(s) {
		return false
	}
	c := binCheck([]byte(s))
	return c >= 0 && int(s[11]-'0') == c
}

// makeBIN returns a BIN of a resident legal entity registered in the given year and month.
func makeBIN(r *rng, year, month int) string {
	for {
		d := []byte{
			byte('0' + year/10%10), byte('0' + year%10), byte('0' + month/10), byte('0' + month%10),
			'4', '0', 0, 0, 0, 0, 0, 0,
		}
		for i := 6; i < 11; i++ {
			d[i] = byte('0' + r.intn(10))
		}
		if c := binCheck(d); c >= 0 {
			d[11] = byte('0' + c)
			return string(d)
		}
	}
}

// vknCheck returns the check digit of the first 9 digits of a Turkish tax number (VKN).
func vknCheck(d []byte) int {
	sum := 0
	for i := 0; i < 9; i++ {
		t := (int(d[i]-'0') + 9 - i) % 10
		p := (t << uint(9-i)) % 9
		if t != 0 && p == 0 {
			p = 9
		}
		sum += p
	}
	return (10 - sum%10) % 10
}

// ValidVKN reports whether s is a Turkish tax number (Vergi Kimlik Numarası, 10 digits) with a valid
// check digit.
func ValidVKN(s string) bool {
	return len(s) == 10 && allDigits(s) && int(s[9]-'0') == vknCheck([]byte(s))
}

func makeVKN(r *rng) string {
	d := make([]byte, 10)
	d[0] = byte('0' + r.rangeInt(1, 9))
	for i := 1; i < 9; i++ {
		d[i] = byte('0' + r.intn(10))
	}
	d[9] = byte('0' + vknCheck(d))
	return string(d)
}

// usccAlphabet is the character set of the Chinese unified social credit code (GB 32100-2015).
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [...]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

func usccValue(c byte) int {
	for i := 0; i < len(usccAlphabet); i++ {
		if usccAlphabet[i] == c {
			return i
		}
	}
	return -1
}

// ValidUSCC reports whether s is a Chinese unified social credit code (18 characters) whose
// organisation-code check character (GB 11714) and final check character (GB 32100) are both valid.
func ValidUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := usccValue(s[i])
		if v < 0 {
			return false
		}
		sum += v * usccWeights[i]
	}
	if usccValue(s[17]) != (31-sum%31)%31 {
		return false
	}
	return orgCodeCheck([]byte(s[8:16])) == s[16]
}

var orgWeights = [...]int{3, 7, 9, 10, 5, 8, 4, 2}

// orgCodeCheck returns the check character of an 8-character organisation code (GB 11714).
func orgCodeCheck(d []byte) byte {
	s := 0
	for i, w := range orgWeights {
		v := usccValue(d[i])
		s += v * w
	}
	switch c := 11 - s%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// makeUSCC returns a unified social credit code of an enterprise registered in the given 6-digit
// administrative region.
func makeUSCC(r *rng, region string) string {
	d := make([]byte, 18)
	d[0], d[1] = '9', '1'
	copy(d[2:8], region)
	for i := 8; i < 16; i++ {
		d[i] = byte('0' + r.intn(10))
	}
	d[16] = orgCodeCheck(d[8:16])
	sum := 0
	for i := 0; i < 17; i++ {
		sum += usccValue(d[i]) * usccWeights[i]
	}
	d[17] = usccAlphabet[(31-sum%31)%31]
	return string(d)
}

// makeDigits returns prefix followed by random digits up to n characters: UAE TRNs, Hong Kong business
// registration numbers and other identifiers without a public check digit.
func makeDigits(r *rng, prefix string, n int) string {
	d := make([]byte, n)
	copy(d, prefix)
	for i := len(prefix); i < n; i++ {
		d[i] = byte('0' + r.intn(10))
	}
	return string(d)
}
