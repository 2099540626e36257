package sample

// writeRU appends one line of a Russian import declaration in the 47-column vendor layout.
func (f *fileGen) writeRU(d *decl, i int, recID []byte) {
	r, w, it := f.r, &f.row, &d.items[i]
	imp := &d.consignee
	rate := perUSD("RUB", d.date)
	w.str(f.recordsTag(d.date)) // RECORDS_TAG
	w.str(f.declNo)             // DECLARATION_NUMBER
	w.date(d.date)              // IMP_DATE
	w.text(d.shipper.latin)     // SUPPLIER_NAME
	w.text(d.shipper.addrEn)    // SUPPLIER_ADDRESS
	if r.chance(0.01) {         // IMPORTER_CODE
		w.null()
	} else {
		w.str(imp.co.id)
	}
	w.text(imp.name)  // IMPORTER_NAME
	w.text(imp.latin) // IMPORTER_NAME_EN
	w.text(imp.addr)  // IMPORTER_ADDRESS
	if r.chance(0.03) {
		w.null() // IMPORTER_ADDRESS_EN
	} else {
		w.text(imp.addrEn)
	}
	w.str(d.office.code)   // CUSTOMS_CODE
	w.str(imp.co.id)       // CUSTOMS_INN_CODE
	w.str(d.office.name)   // IMPORT_PORT
	w.str(d.office.nameEn) // IMPORT_PORT_EN
	w.str(d.currency)      // CURRENCY_OF_CONTRACT_PRICE
	if r.chance(0.85) {    // WAREHOUSE_OF_IMPORTER
		w.null()
	} else {
		w.str("СВХ " + f.brokers[r.intn(len(f.brokers))].name)
	}
	w.int(int64(i + 1)) // ITEM_NUMBER
	w.text(d.invoice)   // INVOICE_NUMBER
	if r.chance(0.4) {  // MANIFEST_DATE
		w.null()
	} else {
		w.date(d.date.addDays(-1 - r.intn(6)))
	}
	w.str("RUSSIAN FEDERATION") // DESTINATION_COUNTRY
	w.str(originEN(it.origin))  // ORIGIN_COUNTRY
	switch {                    // BRAND
	case it.brand != "":
		w.str(it.brand)
	case r.chance(0.5):
		w.str("ОТСУТСТВУЕТ")
	default:
		w.null()
	}
	w.str(it.hs)        // HS_CODE
	if r.chance(0.01) { // HS_CODE_DESCRIPTION
		w.null()
	} else {
		w.text(it.hsDesc)
	}
	f.bufA, f.bufB = describeRU(r, it, f.bufA, f.bufB)
	w.bytes(f.bufA) // PRODUCT_DESCRIPTION
	w.bytes(f.bufB) // PRODUCT_DESCRIPTION_EN
	if it.qtyMissing {
		w.int(0) // QUANTITY
		w.null() // UNIT
	} else {
		w.num(it.qty)
		w.str(it.unit)
	}
	w.num(it.gross)             // GROSS_WEIGHT_KG
	w.num(it.net)               // NET_WEIGHT_KG
	w.cents(it.valueUSD * rate) // CUSTOMS_COST_VALUE_RUB
	switch x := r.float(); {    // INVOICE_VALUE_RUB
	case x < 0.05:
		w.null()
	case x < 0.07:
		w.int(0)
	default:
		w.cents(it.valueUSD * rate / (1 + d.freight))
	}
	w.str("USD")                // CURRENCY_UNIT
	w.num(it.valueUSD / it.net) // USD_PER_KG
	w.cents(it.valueUSD)        // TOTAL_VALUE_USD
	w.text(d.incoterms)         // INCOTERMS
	w.text(it.maker)            // MANUFACTURER
	if d.broker >= 0 {          // CUSTOMS_BROKER_NAME, CUSTOMS_BROKER_CODE
		b := f.brokers[d.broker]
		w.str(b.name)
		w.str(b.code)
	} else {
		w.null()
		w.null()
	}
	w.str("40") // CUSTOMS_PROCEDURE_CODE
	if d.broker >= 0 && r.chance(0.5) {
		w.str(f.brokers[d.broker].name) // CUSTOMS_DECLARANT_NAME
	} else {
		w.text(imp.name)
	}
	switch d.transport { // CONTAINER_QUANTITY
	case modeSea, modeRail:
		w.int(int64(1 + r.intn(3)))
	default:
		if r.chance(0.5) {
			w.null()
		} else {
			w.int(0)
		}
	}
	if r.chance(0.1) { // PACKAGES
		w.null()
	} else {
		w.int(int64(it.packages))
	}
	w.str(it.hs[:2]) // HS_CODE_2
	w.str(it.hs[:4]) // HS_CODE_4
	w.str("RU")      // COUNTRY_ISO_CODE_2
	w.bytes(recID)   // RECORD_ID
}

// originEN is the vendor's English name of an origin, or the vendor's token for a suppressed one.
func originEN(c *country) string {
	if c == nil {
		return "OTHER COUNTRY"
	}
	return c.en
}
