// Package sample generates tradetrace's reference case: a deterministic synthetic customs dataset in the
// real vendor layouts, from a few thousand to ten million rows, with the events of the seed articles
// planted in it.
//
// Generate writes one file per kind and year, 2021 to 2023 (see Kinds and Layouts):
//
//	ru_import_YYYY.csv  Russia, imports, 47 columns, UTF-8 (about 45% of the rows)
//	kz_import_YYYY.csv  Kazakhstan, imports, 76 columns, Windows-1251, CRLF line ends
//	tr_import_YYYY.csv  Türkiye, imports
//	tr_export_YYYY.csv  Türkiye, exports
//	cn_export_YYYY.csv  China, exports, canonical layout (countries as ISO codes)
//	ae_export_YYYY.csv  United Arab Emirates, exports, canonical layout (countries as English names)
//
// with the value quirks of real extracts: NULL for missing values and 0 for "not reported", float
// artefacts (8.640000000000001), OTHER COUNTRY, names in the original script and in the vendor's
// rendering (transliterated in several systems, translated, misspelt, glued to the address), legal forms
// in every language, identifiers with valid check digits (INN, BIN, VKN, USCC), real HS codes with their
// HS2022 descriptions, descriptions cut at a fixed length, declaration numbers in each service's format,
// several lines per declaration, and the shift of trade after 24 February 2022: direct western trade with
// Russia falls and trade through hubs (UAE, Türkiye, Kazakhstan, Kyrgyzstan, Armenia, Hong Kong, China)
// grows. High-priority goods (chips, connectors, bearings) appear in ordinary trade too, so detectors must
// rank, not just list.
//
// The planted events (NORINCO's CQ-A rifles to Tekhkrim, DJI parts through the UAE, 80 t of body armour
// through Türkiye, Rosoboronexport's imports, a Mugin-5 and ZT-180 drones, new buyers of high-priority
// goods and chains through hubs) are written by the same code as every other row. Their record ids,
// expected figures and parties go to the answer key planted.json (KeyFile) beside the data. The key is
// for tests and evaluation only: a detector must never read it.
//
// The same Config.Seed and Config.Rows give the same bytes, whatever Config.Workers is: every file draws
// from its own random stream. The rows add up to Config.Rows exactly; record ids (RECORD_ID, record_id) are
// unique across the files and stable for a seed and size.
package sample
