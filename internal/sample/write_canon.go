package sample

// writeCanonical appends one line of an export declaration in the canonical layout of PRODUCT.md.
// Chinese records name countries by ISO code and write Chinese names and descriptions about half the
// time; Emirati records name countries in English.
func (f *fileGen) writeCanonical(d *decl, i int, recID []byte) {
	r, w, it := f.r, &f.row, &d.items[i]
	cn := f.kind == CNExport
	ctry := func(c *country) {
		switch {
		case c == nil:
			w.str("OTHER COUNTRY")
		case cn:
			w.str(c.code)
		default:
			w.str(c.en)
		}
	}
	w.bytes(recID)                  // record_id
	w.date(d.date)                  // date
	w.str("export")                 // direction
	w.str(layouts[f.kind].Reporter) // reporter
	w.str(f.declNo)                 // declaration_no
	shipper, addr := d.shipper.latin, d.shipper.addrEn
	if cn && r.chance(0.5) {
		shipper, addr = d.shipper.name, d.shipper.addr
	}
	w.str(shipper)             // shipper_name
	w.str(addr)                // shipper_address
	ctry(d.shipper.co.country) // shipper_country
	w.str(d.shipper.co.id)     // shipper_id
	w.str(d.consignee.latin)   // consignee_name
	if r.chance(0.2) {
		w.str("") // consignee_address
	} else {
		w.str(d.consignee.addrEn)
	}
	ctry(d.consignee.co.country) // consignee_country
	w.str("")                    // consignee_id
	ctry(it.origin)              // origin_country
	ctry(d.dispatch)             // dispatch_country
	ctry(d.dest)                 // destination_country
	w.str(it.hs)                 // hs_code
	if cn {
		f.bufA = describeZH(r, it, f.bufA)
	} else {
		f.bufA = describeEN(r, it, f.bufA)
	}
	w.bytes(f.bufA) // description
	w.str(it.brand) // brand
	w.str(it.maker) // manufacturer
	if it.qtyMissing {
		w.str("") // quantity
		w.str("") // unit
	} else {
		w.num(it.qty)
		w.str(unitWord(it.unit, 3))
	}
	w.num(it.gross)                                   // gross_weight_kg
	w.num(it.net)                                     // net_weight_kg
	w.cents(it.valueUSD * perUSD(d.currency, d.date)) // value
	w.str(d.currency)                                 // currency
	w.cents(it.valueUSD)                              // value_usd
}
