package sample

import (
	"strings"
	"unicode"
)

func trUpper(s string) string { return strings.ToUpperSpecial(unicode.TurkishCase, s) }

// originTR returns the name and code columns of a country in the Turkish layouts; a suppressed origin is
// OTHER COUNTRY / OC.
func originTR(c *country) (string, string) {
	if c == nil {
		return "OTHER COUNTRY", "OC"
	}
	return c.en, c.code
}

// writeTRImport appends one line of a Turkish import declaration.
func (f *fileGen) writeTRImport(d *decl, i int, recID []byte) {
	r, w, it := f.r, &f.row, &d.items[i]
	fc := perUSD(d.currency, d.date)
	invoiceUSD := it.valueUSD / (1 + d.freight)
	w.cents(invoiceUSD)                     // CALCULATED_ITEM_VALUE_USD
	w.cents(d.totalUSD() / (1 + d.freight)) // CALCULATED_TOTAL_VALUE_USD
	w.date(d.date.addDays(r.intn(4)))       // CLOSING_DATE
	w.str("TR")                             // COUNTRY_ISO_CODE_2
	w.str(d.currency)                       // CURRENCY
	w.str(d.office.code)                    // CUSTOMS_OFFICE_CODE
	w.str(d.office.name)                    // CUSTOMS_OFFICE_NAME
	w.str(d.office.nameEn)                  // CUSTOMS_OFFICE_NAME_EN
	w.str(d.dispatch.en)                    // DISPATCH_COUNTRY
	w.str(d.dispatch.code)                  // DISPATCH_COUNTRY_CODE
	f.writeTRGoods(it)                      // HS_CODE … HS_CODE_DESCRIPTION_EN
	w.str(d.consignee.co.id)                // IMPORTER_CODE
	w.text(d.consignee.latin)               // IMPORTER_NAME_EN
	w.text(d.incoterms)                     // INCOTERMS
	w.cents(invoiceUSD * fc)                // INVOICE_AMOUNT
	w.int(int64(i + 1))                     // ITEM_NO
	w.str("4000")                           // ITEM_REGIME_CODE
	w.str("SERBEST DOLAŞIMA GİRİŞ")         // ITEM_REGIME_NAME
	w.num(it.net)                           // NET_WEIGHT_KG
	on, oc := originTR(it.origin)
	w.str(on) // ORIGIN_COUNTRY
	w.str(oc) // ORIGIN_COUNTRY_CODE
	f.bufA, f.bufB = describeTR(r, it, f.bufA, f.bufB)
	w.bytes(f.bufA)             // PRODUCT_DESCRIPTION
	w.bytes(f.bufB)             // PRODUCT_DESCRIPTION_EN
	f.writeTRQty(it)            // QUANTITY
	w.str(f.recordsTag(d.date)) // RECORDS_TAG
	w.bytes(recID)              // RECORD_ID
	w.date(d.date)              // REGISTRATION_DATE
	w.str(f.declNo)             // REGISTRATION_NO
	w.cents(it.valueUSD)        // STATISTICAL_VALUE_USD
	w.text(d.shipper.latin)     // SUPPLIER_NAME
	f.writeTRUnit(it)           // UNIT
	w.text(d.consignee.name)    // IMPORTER_NAME
}

// writeTRExport appends one line of a Turkish export declaration.
func (f *fileGen) writeTRExport(d *decl, i int, recID []byte) {
	r, w, it := f.r, &f.row, &d.items[i]
	fc := perUSD(d.currency, d.date)
	w.text(d.consignee.latin)         // BUYER_NAME
	w.cents(it.valueUSD)              // CALCULATED_ITEM_VALUE_USD
	w.cents(d.totalUSD())             // CALCULATED_TOTAL_VALUE_USD
	w.date(d.date.addDays(r.intn(4))) // CLOSING_DATE
	w.str("TR")                       // COUNTRY_ISO_CODE_2
	w.str(d.currency)                 // CURRENCY
	w.str(d.office.code)              // CUSTOMS_OFFICE_CODE
	w.str(d.office.name)              // CUSTOMS_OFFICE_NAME
	w.str(d.office.nameEn)            // CUSTOMS_OFFICE_NAME_EN
	w.str(d.dest.en)                  // DESTINATION_COUNTRY
	w.str(d.dest.code)                // DESTINATION_COUNTRY_CODE
	w.str(d.shipper.co.id)            // EXPORTER_CODE
	w.text(d.shipper.name)            // EXPORTER_NAME
	w.text(d.shipper.latin)           // EXPORTER_NAME_EN
	f.writeTRGoods(it)                // HS_CODE … HS_CODE_DESCRIPTION_EN
	w.text(d.incoterms)               // INCOTERMS
	w.cents(it.valueUSD * fc)         // INVOICE_AMOUNT
	w.int(int64(i + 1))               // ITEM_NO
	w.str("1000")                     // ITEM_REGIME_CODE
	w.str("KESİN İHRACAT")            // ITEM_REGIME_NAME
	w.num(it.net)                     // NET_WEIGHT_KG
	on, oc := originTR(it.origin)
	w.str(on) // ORIGIN_COUNTRY
	w.str(oc) // ORIGIN_COUNTRY_CODE
	f.bufA, f.bufB = describeTR(r, it, f.bufA, f.bufB)
	w.bytes(f.bufA)             // PRODUCT_DESCRIPTION
	w.bytes(f.bufB)             // PRODUCT_DESCRIPTION_EN
	f.writeTRQty(it)            // QUANTITY
	w.str(f.recordsTag(d.date)) // RECORDS_TAG
	w.bytes(recID)              // RECORD_ID
	w.date(d.date)              // REGISTRATION_DATE
	w.str(f.declNo)             // REGISTRATION_NO
	w.cents(it.valueUSD)        // STATISTICAL_VALUE_USD
	if r.chance(0.7) {          // STATUTE_STATEMENT
		w.null()
	} else {
		w.str("DAHİLDE İŞLEME REJİMİ")
	}
	f.writeTRUnit(it) // UNIT
}

func (f *fileGen) writeTRGoods(it *item) {
	w := &f.row
	w.str(it.hs)
	w.str(it.hs[:2])
	w.str(it.hs[:4])
	w.text(it.hsDescTR)
	w.text(it.hsDesc)
}

func (f *fileGen) writeTRQty(it *item) {
	if it.qtyMissing {
		f.row.int(0)
	} else {
		f.row.num(it.qty)
	}
}

func (f *fileGen) writeTRUnit(it *item) {
	if it.qtyMissing {
		f.row.null()
	} else {
		f.row.str(unitWord(it.unit, langTR))
	}
}
