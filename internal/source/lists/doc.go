// Package lists knows the sanctions and export-control lists tradetrace loads: their names, publishers, licences
// and file layouts, the folder layout of a lists directory, and how to tell a list file's format from its content.
// It loads one list (Load), all default lists (LoadAll), or whatever files or folder a user points at
// (LoadPath, LoadFiles), into list entities, and resolves the countries the publishers write (CountryCode).
//
// One package under internal/source reads each format (ofac, eu, hmt, un, csl, dod1260h, mieu, mofcom, ftm); this
// package wires them to files. The mappers take the country resolver as a function, so that they stay free of
// this package.
//
// Identifier schemes written by the list packages:
//
//	INN, OGRN, KPP, OKPO       Russian tax number, state registration number, tax-registration reason code,
//	                           statistical code (OFAC's "Government Gazette Number")
//	USCC                       Chinese unified social credit code
//	TAX, REGISTRATION, VAT     other tax and company-registry numbers; a Russian TAX of 10 or 12 digits becomes
//	                           INN, a Russian REGISTRATION of 13 or 15 digits becomes OGRN
//	LEI, SWIFT, ISIN, TICKER, DUNS, BIK, UEI, PERMID, WIKIDATA
//	IMO, IMO_COMPANY, MMSI, CALL_SIGN, MSN, TAIL_NUMBER   vessels, ship owners and aircraft
//	PASSPORT, NATIONAL_ID, ID  identity documents
//	WEBSITE, EMAIL, CRYPTO     contact points and digital currency addresses
//
// Topics: every list gives its entries topics that say what listing means. Sanctions lists give sanction; the
// Commerce lists (Entity List, Denied Persons, Unverified List) and State's ITAR debarments export.control; the
// BIS Military End User and Military-Intelligence End User lists mil.enduser and export.control; EU Regulation
// 833/2014 Annex IV export.control, mil.enduser and mil.complex; the DoD 1260H list gov.defence; OFAC's Chinese
// Military-Industrial Complex programmes (CMIC-EO13959, NS-CMIC) sanction and gov.defence — the same knowledge as
// 1260H, a company of China's defence industrial base, and not mil.complex, which tradetrace keeps for support to
// Russia's military-industrial complex; the PRC lists sanction.counter. FollowTheMoney and Senzing files keep the
// topics they publish.
package lists
