package goods

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestPartNumbers(t *testing.T) {
	tests := []struct {
		in, text, maker string
		class           Class
	}{
		{"STM32F405RGT6", "stm32f405rgt6", "STMicroelectronics", ElectronicsIC},
		{"XC7A35T-1CSG324C", "xc7a35t", "AMD Xilinx", ElectronicsIC},
		{"EP4CE22F17C8N", "ep4ce22f17c8n", "Intel (Altera)", ElectronicsIC},
		{"ADSP-21489", "adsp 21489", "Analog Devices", ElectronicsIC},
		{"ADSP-BF533SBBZ", "adsp bf533sbbz", "Analog Devices", ElectronicsIC},
		{"TMS320F28335", "tms320f28335", "Texas Instruments", ElectronicsIC},
		{"ATMEGA328P-AU", "atmega328p", "Microchip (Atmel)", ElectronicsIC},
		{"LM358", "lm358", "Texas Instruments (National Semiconductor)", ElectronicsIC},
		{"MAX232", "max232", "Analog Devices (Maxim Integrated)", ElectronicsIC},
		{"AD9361BBCZ", "ad9361bbcz", "Analog Devices", ElectronicsIC},
		{"IRFZ44N", "irfz44n", "Infineon (International Rectifier)", ElectronicsSemiconductor},
		{"1N4148", "1n4148", "various (JEDEC 1N)", ElectronicsSemiconductor},
		{"K4B4G1646E-BCMA", "k4b4g1646e", "Samsung", ElectronicsIC},
		{"ADIS16470", "adis16470", "Analog Devices", Navigation},
	}
	c := Default()
	for _, tt := range tests {
		r := c.Classify("Part " + tt.in + " qty 10")
		var found *Evidence
		for i, e := range r.Evidence {
			if e.Kind == KindPartNumber {
				found = &r.Evidence[i]
			}
		}
		if found == nil {
			t.Errorf("Classify(%q): no part number found, evidence %v", tt.in, r.Evidence)
			continue
		}
		if found.Text != tt.text || found.Maker != tt.maker || found.Class != tt.class {
			t.Errorf("Classify(%q) part number = %q by %q → %s, want %q by %q → %s", tt.in, found.Text, found.Maker,
				found.Class, tt.text, tt.maker, tt.class)
		}
	}
}

func TestNotPartNumbers(t *testing.T) {
	for _, in := range []string{
		"Болт M16x80 DIN 931", "MAX 100 KG", "LM35", "AD 2022", "артикул 2N", "STM32", "size 10M",
		"BC 547", "ADSP classes", "2022 year", "ds1", "model CC2",
	} {
		r := Classify(in)
		for _, e := range r.Evidence {
			if e.Kind == KindPartNumber {
				t.Errorf("Classify(%q) found part number %q (%s), want none", in, e.Text, e.Term)
			}
		}
	}
}

// TestHasPartNumber: whenever a reading holds part-number evidence, HasPartNumber says so, whichever field
// names the part; and it says no for texts without one. The texts are the part numbers above, the near misses
// and the hand-written descriptions.
func TestHasPartNumber(t *testing.T) {
	texts := []string{"Part STM32F405RGT6 qty 10", "ADSP-21489 processor", "микросхема TMS320F28335 10 шт",
		"Болт M16x80 DIN 931", "MAX 100 KG", "LM35", "STM32", "BC 547", "ds1", "Диван угловой, ткань велюр"}
	for _, file := range []string{"testdata/descriptions.tsv", "testdata/heldout.tsv"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if cols := strings.Split(line, "\t"); len(cols) == 5 && !strings.HasPrefix(line, "#") {
				texts = append(texts, cols[4])
			}
		}
	}
	c := Default()
	with, without := 0, 0
	for _, text := range texts {
		for f := range 4 {
			var fields [4]string
			fields[f] = text
			r := c.ClassifyFields(fields[0], fields[1], fields[2], fields[3])
			part := slices.ContainsFunc(r.Evidence, func(e Evidence) bool { return e.Kind == KindPartNumber })
			has := c.HasPartNumber(fields[0], fields[1], fields[2], fields[3])
			if part && !has {
				t.Errorf("field %d %q: the reading holds a part number, HasPartNumber says none", f, text)
			}
			if part {
				with++
			} else if !has {
				without++
			}
		}
	}
	if with < 12 || without < 100 {
		t.Errorf("%d readings with a part number and %d texts without any, want at least 12 and 100: the texts changed", with, without)
	}
}

func TestParsePartTableErrors(t *testing.T) {
	row := func(cols ...string) string { return strings.Join(cols, "\t") + "\n" }
	tests := []struct {
		name, text, want string
	}{
		{"columns", "stm32\t0\n", "10 tab-separated columns"},
		{"prefix", row("", "0", "-", "8", "20", "ST", "electronics.ic", "854231", "0.9", "x"), "bad prefix"},
		{"gap", row("stm32", "0", "maybe", "8", "20", "ST", "electronics.ic", "854231", "0.9", "x"), "gap column"},
		{"min", row("stm32", "0", "-", "3", "20", "ST", "electronics.ic", "854231", "0.9", "x"), "bad min"},
		{"max", row("stm32", "0", "-", "8", "7", "ST", "electronics.ic", "854231", "0.9", "x"), "bad max"},
		{"class", row("stm32", "0", "-", "8", "20", "ST", "electronics.chip", "854231", "0.9", "x"), "unknown class"},
		{"hs", row("stm32", "0", "-", "8", "20", "ST", "electronics.ic", "85423", "0.9", "x"), "bad hs"},
		{"weight", row("stm32", "0", "-", "8", "20", "ST", "electronics.ic", "854231", "2", "x"), "weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := vocabulary{byName: map[string]int32{}}
			_, err := parsePartTable(strings.NewReader(tt.text), "p.tsv", &v)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parsePartTable(%q) = %v, want an error containing %q", tt.text, err, tt.want)
			}
		})
	}
}
