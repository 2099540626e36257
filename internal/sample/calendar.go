package sample

import "strconv"

// The sample covers 36 months, January 2021 to December 2023, so that trade before and after the Russian
// invasion of Ukraine on 24 February 2022 can be compared.
const (
	firstYear = 2021
	numYears  = 3
	numMonths = numYears * 12
)

// day is a calendar date inside the sample period.
type day struct{ y, m, d int }

func monthOf(i int) (y, m int) { return firstYear + i/12, i%12 + 1 }

func (d day) month() int { return (d.y-firstYear)*12 + d.m - 1 }

// postInvasion reports whether d is on or after 24 February 2022.
func (d day) postInvasion() bool {
	return d.y > 2022 || d.y == 2022 && (d.m > 2 || d.m == 2 && d.d >= 24)
}

func (d day) before(e day) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// addDays moves d by n days (n may be negative), across months and years.
func (d day) addDays(n int) day {
	d.d += n
	for d.d > daysIn(d.y, d.m) {
		d.d -= daysIn(d.y, d.m)
		d.m++
		if d.m > 12 {
			d.m, d.y = 1, d.y+1
		}
	}
	for d.d < 1 {
		d.m--
		if d.m < 1 {
			d.m, d.y = 12, d.y-1
		}
		d.d += daysIn(d.y, d.m)
	}
	return d
}

func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10%10), byte('0'+v%10)) }

func (d day) appendISO(b []byte) []byte {
	b = strconv.AppendInt(b, int64(d.y), 10)
	b = append(b, '-')
	b = append2(b, d.m)
	b = append(b, '-')
	return append2(b, d.d)
}

// appendDMY appends ddmmyy, the date inside Russian and Kazakh declaration numbers.
func (d day) appendDMY(b []byte) []byte {
	b = append2(b, d.d)
	b = append2(b, d.m)
	return append2(b, d.y%100)
}

func (d day) String() string { return string(d.appendISO(nil)) }

func (d day) monthString() string { return string(d.appendISO(nil)[:7]) }

// Monthly average exchange rates, units of currency per US dollar (EUR: dollars per euro), rounded from
// the central banks' published monthly averages.
var (
	usdRUB = [numMonths]float64{
		74.2, 74.4, 74.4, 76.1, 74.0, 72.6, 73.5, 73.5, 72.9, 71.4, 72.6, 73.6,
		76.2, 77.4, 103.6, 80.5, 66.1, 57.2, 58.3, 60.5, 59.9, 61.6, 61.1, 67.5,
		68.9, 72.9, 76.1, 80.9, 79.0, 82.2, 90.6, 95.3, 96.6, 97.2, 90.4, 90.3,
	}
	usdKZT = [numMonths]float64{
		421, 419, 420, 430, 428, 428, 426, 426, 425, 427, 431, 434,
		435, 431, 495, 445, 430, 433, 472, 475, 475, 470, 464, 470,
		462, 447, 455, 449, 447, 450, 444, 452, 472, 477, 465, 460,
	}
	usdTRY = [numMonths]float64{
		7.4, 7.1, 7.6, 8.1, 8.4, 8.6, 8.6, 8.5, 8.6, 9.2, 11.1, 13.6,
		13.5, 13.8, 14.6, 14.7, 15.6, 17.0, 17.5, 17.9, 18.3, 18.6, 18.6, 18.7,
		18.8, 18.8, 19.0, 19.3, 19.7, 23.5, 26.6, 26.9, 26.9, 28.0, 28.6, 29.1,
	}
	usdCNY = [numMonths]float64{
		6.47, 6.46, 6.51, 6.53, 6.43, 6.43, 6.47, 6.48, 6.46, 6.43, 6.39, 6.37,
		6.36, 6.33, 6.35, 6.42, 6.70, 6.70, 6.74, 6.79, 6.96, 7.18, 7.18, 6.98,
		6.78, 6.86, 6.91, 6.89, 7.02, 7.18, 7.19, 7.25, 7.30, 7.31, 7.16, 7.12,
	}
	eurUSD = [numMonths]float64{
		1.217, 1.210, 1.190, 1.195, 1.215, 1.205, 1.182, 1.177, 1.177, 1.160, 1.141, 1.130,
		1.131, 1.134, 1.101, 1.082, 1.057, 1.057, 1.018, 1.013, 0.990, 0.983, 1.021, 1.059,
		1.078, 1.071, 1.071, 1.097, 1.087, 1.084, 1.106, 1.091, 1.068, 1.056, 1.081, 1.090,
	}
)

const usdAED = 3.6725 // the dirham is pegged

// interp reads a monthly series on a given day, interpolating between mid-month averages so that rates
// move from day to day as they do.
func interp(series *[numMonths]float64, d day) float64 {
	i := d.month()
	f := float64(d.d-15) / 30
	j := i + 1
	if f < 0 {
		j, f = i-1, -f
	}
	if j < 0 || j >= numMonths {
		return series[i]
	}
	return series[i] + (series[j]-series[i])*f
}

// perUSD returns how many units of a currency buy one US dollar on a day.
func perUSD(cur string, d day) float64 {
	switch cur {
	case "RUB":
		return interp(&usdRUB, d)
	case "KZT":
		return interp(&usdKZT, d)
	case "TRY":
		return interp(&usdTRY, d)
	case "CNY":
		return interp(&usdCNY, d)
	case "EUR":
		return 1 / interp(&eurUSD, d)
	case "AED":
		return usdAED
	}
	return 1
}

// kindVolume is the relative number of declaration lines per month for each kind of file: Russian imports
// fall after February 2022 and recover through 2023; the hubs' trade grows.
func kindVolume(k Kind, month int) float64 {
	y, m := monthOf(month)
	t := float64(month) / numMonths
	season := 1.0
	switch m {
	case 1:
		season = 0.8
	case 12:
		season = 1.1
	}
	switch k {
	case RUImport:
		v := 1 + 0.08*t
		if y == 2022 {
			v = [12]float64{1.05, 1.08, 0.62, 0.52, 0.6, 0.7, 0.78, 0.85, 0.9, 0.95, 0.98, 1.02}[m-1]
		}
		if y == 2023 {
			v = 0.98 + 0.01*float64(m)
		}
		return v * season
	case KZImport, TRExport, AEExport:
		v := 1 + 0.3*t
		if month >= 14 {
			v += 0.25
		}
		return v * season
	}
	return (1 + 0.2*t) * season
}
