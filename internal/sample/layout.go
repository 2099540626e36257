package sample

import (
	"strings"
)

// Kind is a kind of file the generator writes: one customs service, one direction, one layout.
type Kind uint8

// The kinds of file, in the order they are planned and listed.
const (
	RUImport Kind = iota // Russia, imports: the 47-column vendor layout
	KZImport             // Kazakhstan, imports: the 76-column vendor layout, in Windows-1251
	TRImport             // Türkiye, imports
	TRExport             // Türkiye, exports
	CNExport             // China, exports, in the canonical layout
	AEExport             // United Arab Emirates, exports, in the canonical layout
	numKinds
)

// Kinds returns every kind of file, in order.
func Kinds() []Kind { return []Kind{RUImport, KZImport, TRImport, TRExport, CNExport, AEExport} }

var kindNames = [numKinds]string{"ru_import", "kz_import", "tr_import", "tr_export", "cn_export", "ae_export"}

// String returns the file-name prefix of the kind ("ru_import").
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return ""
}

// ParseKind returns the kind whose prefix starts a file name such as "kz_import_2022.csv.gz".
func ParseKind(fileName string) (Kind, bool) {
	for k, n := range kindNames {
		if strings.HasPrefix(fileName, n+"_") {
			return Kind(k), true
		}
	}
	return 0, false
}

// Layout describes the file layout of one kind: its header as written on the first line, the columns,
// the text encoding and the profile of customs-layouts.md (or PRODUCT.md for the canonical layout) that
// reads it.
type Layout struct {
	Kind     Kind
	Profile  string   // "ru_import", "kz_import", "tr_import", "tr_export" or "canonical"
	Header   string   // the first line, exactly, without the line ending
	Columns  []string // Header split at commas
	Encoding string   // "UTF-8" or "Windows-1251"
	CRLF     bool     // lines end with "\r\n" rather than "\n"
	Reporter string   // ISO code of the customs service that reports the rows
}

// The header lines, copied exactly from ../shared/formats/customs-layouts.md and, for the canonical
// layout, from PRODUCT.md.
const (
	headerRUImport = "RECORDS_TAG,DECLARATION_NUMBER,IMP_DATE,SUPPLIER_NAME,SUPPLIER_ADDRESS,IMPORTER_CODE,IMPORTER_NAME,IMPORTER_NAME_EN,IMPORTER_ADDRESS,IMPORTER_ADDRESS_EN,CUSTOMS_CODE,CUSTOMS_INN_CODE,IMPORT_PORT,IMPORT_PORT_EN,CURRENCY_OF_CONTRACT_PRICE,WAREHOUSE_OF_IMPORTER,ITEM_NUMBER,INVOICE_NUMBER,MANIFEST_DATE,DESTINATION_COUNTRY,ORIGIN_COUNTRY,BRAND,HS_CODE,HS_CODE_DESCRIPTION,PRODUCT_DESCRIPTION,PRODUCT_DESCRIPTION_EN,QUANTITY,UNIT,GROSS_WEIGHT_KG,NET_WEIGHT_KG,CUSTOMS_COST_VALUE_RUB,INVOICE_VALUE_RUB,CURRENCY_UNIT,USD_PER_KG,TOTAL_VALUE_USD,INCOTERMS,MANUFACTURER,CUSTOMS_BROKER_NAME,CUSTOMS_BROKER_CODE,CUSTOMS_PROCEDURE_CODE,CUSTOMS_DECLARANT_NAME,CONTAINER_QUANTITY,PACKAGES,HS_CODE_2,HS_CODE_4,COUNTRY_ISO_CODE_2,RECORD_ID"

	headerKZImport = "BRAND,BRAND_EN,CARGO_VALUE_IN_FC,CARGO_VALUE_KZT,CARGO_VALUE_USD,COST_ADJUST_METHOD_CODE,COST_ADJUST_METHOD_NAME,COST_ADJUST_METHOD_NAME_EN,COUNTRY_ISO_CODE_2,CUSTOMS_OFFICE_CODE,CUSTOMS_OFFICE_CODE_AT_BORDER,CUSTOMS_OFFICE_NAME,CUSTOMS_OFFICE_NAME_AT_BORDER,CUSTOMS_OFFICE_NAME_EN,CUSTOMS_PROCEDURE_CODE,CUSTOMS_PROCEDURE_NAME,CUSTOMS_PROCEDURE_NAME_EN,CUSTOMS_VALUE_KZT,CUSTOMS_VALUE_USD,DECLARANT_ADDRESS,DECLARANT_ADDRESS_EN,DECLARANT_CODE,DECLARANT_NAME,DECLARANT_NAME_EN,DECLARATION_NUMBER,DIRECTION,EXCHANGE_RATE,FOREIGN_CURRENCY,FROM_COUNTRY_NAME,FROM_COUNTRY_NAME_EN,GUARANTEE_ADDRESS,GUARANTEE_ADDRESS_EN,GUARANTEE_CODE,GUARANTEE_NAME,GUARANTEE_NAME_EN,G_WEIGHT,HS_CODE,HS_CODE_2,HS_CODE_4,HS_CODE_DESCRIPTION,HS_CODE_DESCRIPTION_EN,IMPORTER_ADDRESS,IMPORTER_ADDRESS_EN,IMPORTER_CODE,IMPORTER_NAME,IMPORTER_NAME_EN,INCOTERMS,MANUFACTURER,MANUFACTURER_EN,N_WEIGHT,ORIGIN_COUNTRY_NAME,ORIGIN_COUNTRY_NAME_EN,PLACE_OF_DELIVERY,PLACE_OF_DELIVERY_EN,PRODUCT_DESCRIPTION,PRODUCT_DESCRIPTION_EN,QUANTITY,RECORDS_TAG,RECORD_ID,REGISTRATION_DATE,SUPPLIER_ADDRESS,SUPPLIER_ADDRESS_EN,SUPPLIER_NAME,SUPPLIER_NAME_EN,TOTAL_COST,TOTAL_QUANTITY,TO_COUNTRY_NAME,TO_COUNTRY_NAME_EN,TRADING_COUNTRY_NAME,TRADING_COUNTRY_NAME_EN,TRANS_TYPE_CROSS_BORDER,TRANS_TYPE_CROSS_BORDER_EN,TRANS_TYPE_WITHIN_COUNTRY,TRANS_TYPE_WITHIN_COUNTRY_EN,UNIT_OF_QUANTITY,VALUE_IN_FOREIGN_CURRENCY"

	headerTRImport = "CALCULATED_ITEM_VALUE_USD,CALCULATED_TOTAL_VALUE_USD,CLOSING_DATE,COUNTRY_ISO_CODE_2,CURRENCY,CUSTOMS_OFFICE_CODE,CUSTOMS_OFFICE_NAME,CUSTOMS_OFFICE_NAME_EN,DISPATCH_COUNTRY,DISPATCH_COUNTRY_CODE,HS_CODE,HS_CODE_2,HS_CODE_4,HS_CODE_DESCRIPTION,HS_CODE_DESCRIPTION_EN,IMPORTER_CODE,IMPORTER_NAME_EN,INCOTERMS,INVOICE_AMOUNT,ITEM_NO,ITEM_REGIME_CODE,ITEM_REGIME_NAME,NET_WEIGHT_KG,ORIGIN_COUNTRY,ORIGIN_COUNTRY_CODE,PRODUCT_DESCRIPTION,PRODUCT_DESCRIPTION_EN,QUANTITY,RECORDS_TAG,RECORD_ID,REGISTRATION_DATE,REGISTRATION_NO,STATISTICAL_VALUE_USD,SUPPLIER_NAME,UNIT,IMPORTER_NAME"

	headerTRExport = "BUYER_NAME,CALCULATED_ITEM_VALUE_USD,CALCULATED_TOTAL_VALUE_USD,CLOSING_DATE,COUNTRY_ISO_CODE_2,CURRENCY,CUSTOMS_OFFICE_CODE,CUSTOMS_OFFICE_NAME,CUSTOMS_OFFICE_NAME_EN,DESTINATION_COUNTRY,DESTINATION_COUNTRY_CODE,EXPORTER_CODE,EXPORTER_NAME,EXPORTER_NAME_EN,HS_CODE,HS_CODE_2,HS_CODE_4,HS_CODE_DESCRIPTION,HS_CODE_DESCRIPTION_EN,INCOTERMS,INVOICE_AMOUNT,ITEM_NO,ITEM_REGIME_CODE,ITEM_REGIME_NAME,NET_WEIGHT_KG,ORIGIN_COUNTRY,ORIGIN_COUNTRY_CODE,PRODUCT_DESCRIPTION,PRODUCT_DESCRIPTION_EN,QUANTITY,RECORDS_TAG,RECORD_ID,REGISTRATION_DATE,REGISTRATION_NO,STATISTICAL_VALUE_USD,STATUTE_STATEMENT,UNIT"

	headerCanonical = "record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id,consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country,hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd"
)

var layouts = withColumns([numKinds]Layout{
	{Kind: RUImport, Profile: "ru_import", Header: headerRUImport, Encoding: "UTF-8", Reporter: "RU"},
	{Kind: KZImport, Profile: "kz_import", Header: headerKZImport, Encoding: "Windows-1251", CRLF: true, Reporter: "KZ"},
	{Kind: TRImport, Profile: "tr_import", Header: headerTRImport, Encoding: "UTF-8", Reporter: "TR"},
	{Kind: TRExport, Profile: "tr_export", Header: headerTRExport, Encoding: "UTF-8", Reporter: "TR"},
	{Kind: CNExport, Profile: "canonical", Header: headerCanonical, Encoding: "UTF-8", Reporter: "CN"},
	{Kind: AEExport, Profile: "canonical", Header: headerCanonical, Encoding: "UTF-8", Reporter: "AE"},
})

func withColumns(ls [numKinds]Layout) [numKinds]Layout {
	for i := range ls {
		ls[i].Columns = strings.Split(ls[i].Header, ",")
	}
	return ls
}

// LayoutOf returns the layout of a kind.
func LayoutOf(k Kind) Layout {
	l := layouts[k]
	l.Columns = append([]string(nil), l.Columns...)
	return l
}

// Layouts returns the layout of every kind, in the order of Kinds.
func Layouts() []Layout {
	out := make([]Layout, 0, numKinds)
	for _, k := range Kinds() {
		out = append(out, LayoutOf(k))
	}
	return out
}
