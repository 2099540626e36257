package sample

import "strings"

// writeKZ appends one line of a Kazakh import declaration in the 76-column vendor layout. The row is
// built in UTF-8 and re-encoded to Windows-1251 by the caller.
func (f *fileGen) writeKZ(d *decl, i int, recID []byte) {
	r, w, it := f.r, &f.row, &d.items[i]
	imp, sup, dec := &d.consignee, &d.shipper, &d.declarant
	kzt := perUSD("KZT", d.date)
	fc := perUSD(d.currency, d.date)
	invoiceUSD := it.valueUSD / (1 + d.freight)
	if it.brand != "" { // BRAND, BRAND_EN
		w.str(it.brand)
		w.str(it.brand)
	} else {
		w.str("ОТСУТСТВУЕТ")
		w.null()
	}
	w.cents(invoiceUSD * fc)  // CARGO_VALUE_IN_FC
	w.cents(invoiceUSD * kzt) // CARGO_VALUE_KZT
	w.cents(invoiceUSD)       // CARGO_VALUE_USD
	w.str("1")                // COST_ADJUST_METHOD_CODE
	w.str("ПО СТОИМОСТИ СДЕЛКИ С ВВОЗИМЫМИ ТОВАРАМИ")
	w.str("TRANSACTION VALUE OF IMPORTED GOODS")
	w.str("KZ")            // COUNTRY_ISO_CODE_2
	w.str(d.office.code)   // CUSTOMS_OFFICE_CODE
	w.str(d.border.code)   // CUSTOMS_OFFICE_CODE_AT_BORDER
	w.str(d.office.name)   // CUSTOMS_OFFICE_NAME
	w.str(d.border.name)   // CUSTOMS_OFFICE_NAME_AT_BORDER
	w.str(d.office.nameEn) // CUSTOMS_OFFICE_NAME_EN
	w.str("40")            // CUSTOMS_PROCEDURE_CODE
	w.str("ВЫПУСК ДЛЯ ВНУТРЕННЕГО ПОТРЕБЛЕНИЯ")
	w.str("RELEASE FOR DOMESTIC CONSUMPTION")
	w.cents(it.valueUSD * kzt) // CUSTOMS_VALUE_KZT
	w.cents(it.valueUSD)       // CUSTOMS_VALUE_USD
	w.text(dec.addr)           // DECLARANT_ADDRESS
	w.text(dec.addrEn)         // DECLARANT_ADDRESS_EN
	w.str(dec.co.id)           // DECLARANT_CODE
	w.text(dec.name)           // DECLARANT_NAME
	w.text(dec.latin)          // DECLARANT_NAME_EN
	w.str(f.declNo)            // DECLARATION_NUMBER
	w.str("ИМ")                // DIRECTION
	w.num(roundSig(kzt/fc, 6)) // EXCHANGE_RATE
	w.str(d.currency)          // FOREIGN_CURRENCY
	w.str(d.dispatch.ru)       // FROM_COUNTRY_NAME
	w.str(d.dispatch.en)       // FROM_COUNTRY_NAME_EN
	if r.chance(0.95) {        // GUARANTEE_*
		for k := 0; k < 5; k++ {
			w.null()
		}
	} else {
		w.str("050059, Г. АЛМАТЫ, ПР. АЛЬ-ФАРАБИ, 38")
		w.str("050059, ALMATY, AL-FARABI AVE., 38")
		w.str("980640000093")
		w.str(`АО "БАНК ЦЕНТРКРЕДИТ"`)
		w.str(`JSC "BANK CENTERCREDIT"`)
	}
	w.num(it.gross)        // G_WEIGHT
	w.str(it.hs)           // HS_CODE
	w.str(it.hs[:2])       // HS_CODE_2
	w.str(it.hs[:4])       // HS_CODE_4
	w.text(it.hsDescLocal) // HS_CODE_DESCRIPTION
	w.text(it.hsDesc)      // HS_CODE_DESCRIPTION_EN
	w.text(imp.addr)       // IMPORTER_ADDRESS
	w.text(imp.addrEn)     // IMPORTER_ADDRESS_EN
	w.str(imp.co.id)       // IMPORTER_CODE
	w.text(imp.name)       // IMPORTER_NAME
	w.text(imp.latin)      // IMPORTER_NAME_EN
	w.text(d.incoterms)    // INCOTERMS
	w.text(it.maker)       // MANUFACTURER
	w.text(it.maker)       // MANUFACTURER_EN
	w.num(it.net)          // N_WEIGHT
	if it.origin == nil {  // ORIGIN_COUNTRY_NAME, ORIGIN_COUNTRY_NAME_EN
		w.str("OTHER COUNTRY") // the vendor suppresses it in both languages
		w.str("OTHER COUNTRY")
	} else {
		w.str(it.origin.ru)
		w.str(it.origin.en)
	}
	city := kzCityRU(imp.co.city) // PLACE_OF_DELIVERY, PLACE_OF_DELIVERY_EN
	w.str(city)
	w.str(imp.co.city)
	f.bufA, f.bufB = describeRU(r, it, f.bufA, f.bufB)
	w.bytes(f.bufA) // PRODUCT_DESCRIPTION
	w.bytes(f.bufB) // PRODUCT_DESCRIPTION_EN
	if it.qtyMissing {
		w.int(0) // QUANTITY
	} else {
		w.num(it.qty)
	}
	w.str(f.recordsTag(d.date))           // RECORDS_TAG
	w.bytes(recID)                        // RECORD_ID
	w.date(d.date)                        // REGISTRATION_DATE
	w.text(sup.addr)                      // SUPPLIER_ADDRESS
	w.text(sup.addrEn)                    // SUPPLIER_ADDRESS_EN
	w.text(sup.latin)                     // SUPPLIER_NAME
	w.text(sup.co.latin[0])               // SUPPLIER_NAME_EN
	w.cents(d.totalUSD() * kzt)           // TOTAL_COST
	w.int(int64(it.packages))             // TOTAL_QUANTITY
	w.str("КАЗАХСТАН")                    // TO_COUNTRY_NAME
	w.str("KAZAKHSTAN")                   // TO_COUNTRY_NAME_EN
	w.str(d.trading.ru)                   // TRADING_COUNTRY_NAME
	w.str(d.trading.en)                   // TRADING_COUNTRY_NAME_EN
	w.str(transportModes[d.transport][0]) // TRANS_TYPE_CROSS_BORDER
	w.str(transportModes[d.transport][1]) // TRANS_TYPE_CROSS_BORDER_EN
	w.str(transportModes[modeRoad][0])    // TRANS_TYPE_WITHIN_COUNTRY
	w.str(transportModes[modeRoad][1])    // TRANS_TYPE_WITHIN_COUNTRY_EN
	if it.qtyMissing {                    // UNIT_OF_QUANTITY
		w.null()
	} else {
		w.str(unitWord(it.unit, langRU))
	}
	w.cents(invoiceUSD * fc) // VALUE_IN_FOREIGN_CURRENCY
}

// kzCityRU returns the Russian name of a Kazakh city known by its Latin name.
func kzCityRU(en string) string {
	for _, c := range kzCities {
		if c.en == en {
			return strings.TrimPrefix(c.ru, "Г. ")
		}
	}
	return en
}
