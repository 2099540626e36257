package lists

// Format is a publication format that a package under internal/source reads.
type Format string

// Formats. The OFAC legacy CSV set is one format made of four files; Detect names each file's part.
const (
	FormatOFACCSV      Format = "ofac_csv"          // sdn.csv or cons_prim.csv, the primary records
	FormatOFACAlt      Format = "ofac_alt_csv"      // alt.csv or cons_alt.csv
	FormatOFACAdd      Format = "ofac_add_csv"      // add.csv or cons_add.csv
	FormatOFACComments Format = "ofac_comments_csv" // sdn_comments.csv or cons_comments.csv
	FormatOFACXML      Format = "ofac_xml"          // sdnList XML
	FormatEUCSV        Format = "eu_csv"            // EU Official Journal consolidated CSV (269/2014, 833/2014)
	FormatEUXML        Format = "eu_fsf_xml"        // EU Financial Sanctions Files XML
	FormatHMTCSV       Format = "hmt_csv"           // UK HM Treasury consolidated list CSV
	FormatUNXML        Format = "un_xml"            // UN Security Council consolidated list XML
	FormatCSL          Format = "csl_csv"           // US trade.gov Consolidated Screening List CSV
	FormatDoD1260H     Format = "dod_1260h_csv"     // US DoD 1260H Chinese military companies
	FormatMIEU         Format = "bis_mieu_csv"      // US BIS Military-Intelligence End User list
	FormatMOFCOM       Format = "mofcom_csv"        // PRC counter-sanctions lists
	FormatFTM          Format = "ftm_jsonl"         // FollowTheMoney entities, JSON lines
	FormatSenzing      Format = "senzing_json"      // Senzing JSON export
)

// Source is one list that tradetrace knows: its name, where its files sit in a lists directory, who publishes it
// and under what terms.
type Source struct {
	Name        string   // the list's name, written to every entity's List field: ofac_sdn, eu_833 …
	Description string   // what the list is, with the vintage of the files
	Publisher   string   // who publishes the data
	Licence     string   // the terms of reuse
	Format      Format   // the format of the files
	Files       []string // paths relative to the lists directory, slash-separated; the primary file first
	Default     bool     // loaded by LoadAll: a current official publication, not a sample or an older vintage
}

const (
	usGov    = "US Government work, public domain"
	euOJ     = "EU Official Journal content, reusable with attribution (Commission Decision 2011/833/EU)"
	osNC     = "OpenSanctions data, CC BY-NC 4.0: for format tests only, never a default list"
	ofacPub  = "US Department of the Treasury, Office of Foreign Assets Control (OFAC)"
	euPub    = "Council of the European Union, Official Journal; consolidated CSV by OpenSanctions"
	osFacts  = "facts from government publications, compiled in the opensanctions/opensanctions repository"
	samplePf = "format_samples/"
)

// sources is the folder layout of the lists directory shipped beside the repository (shared/data/lists), as
// described in its SOURCES.md.
var sources = []Source{
	{Name: "ofac_sdn", Format: FormatOFACCSV, Default: true, Publisher: ofacPub, Licence: usGov,
		Description: "OFAC Specially Designated Nationals list, legacy CSV: sdn.csv of 3 May 2024 joined with " +
			"alt.csv, add.csv and sdn_comments.csv of 24 Dec 2025 (mixed vintage)",
		Files: []string{"ofac_sdn_2024-05-03/sdn.csv", "ofac_sdn_aux_2025-12-24/alt.csv",
			"ofac_sdn_aux_2025-12-24/add.csv", "ofac_sdn_aux_2025-12-24/sdn_comments.csv"}},
	{Name: "ofac_cons", Format: FormatOFACCSV, Default: true, Publisher: ofacPub, Licence: usGov,
		Description: "OFAC consolidated non-SDN list (SSI, NS-CMIC, NS-PLC …), legacy CSV of 19 Dec 2025",
		Files: []string{"ofac_non_sdn_cons_2025-12-19/cons_prim.csv", "ofac_non_sdn_cons_2025-12-19/cons_alt.csv",
			"ofac_non_sdn_cons_2025-12-19/cons_add.csv", "ofac_non_sdn_cons_2025-12-19/cons_comments.csv"}},
	{Name: "ofac_sdn_2019", Format: FormatOFACCSV, Publisher: ofacPub, Licence: usGov,
		Description: "OFAC SDN list, legacy CSV set of January 2019 (an older vintage)",
		Files: []string{"ofac_sdn_static_2019/sdn.csv", "ofac_sdn_static_2019/alt.csv",
			"ofac_sdn_static_2019/add.csv", "ofac_sdn_static_2019/sdn_comments.csv"}},
	{Name: "eu_269", Format: FormatEUCSV, Default: true, Publisher: euPub, Licence: euOJ,
		Description: "EU Regulation 269/2014, Annex I: asset freeze over actions against Ukraine (August 2026)",
		Files:       []string{"eu_reg_269_833_2026-08/32014R0269.csv"}},
	{Name: "eu_833", Format: FormatEUCSV, Default: true, Publisher: euPub, Licence: euOJ,
		Description: "EU Regulation 833/2014, sectoral measures; Annex IV lists persons supporting Russia's " +
			"military and industrial complex (August 2026)",
		Files: []string{"eu_reg_269_833_2026-08/32014R0833.csv"}},
	{Name: "un_sc", Format: FormatUNXML, Default: true, Licence: "public UN document",
		Publisher:   "United Nations Security Council",
		Description: "UN Security Council consolidated sanctions list, generated 27 Feb 2026",
		Files:       []string{"un_consolidated_2026-02/UN_consolidated.xml"}},
	{Name: "us_dod_1260h", Format: FormatDoD1260H, Default: true, Licence: usGov + "; " + osFacts,
		Publisher:   "US Department of Defense",
		Description: "US DoD section 1260H list of Chinese military companies, tranches 2021 to 2026",
		Files:       []string{"us_dod_1260h_bis_mieu/dod_1260h_chinese_military_companies.csv"}},
	{Name: "us_bis_mieu", Format: FormatMIEU, Default: true, Licence: usGov + "; " + osFacts,
		Publisher:   "US Department of Commerce, Bureau of Industry and Security",
		Description: "US BIS Military-Intelligence End User list (15 CFR 744 Supplement 8)",
		Files:       []string{"us_dod_1260h_bis_mieu/bis_mieu.csv"}},
	{Name: "cn_mofcom", Format: FormatMOFCOM, Default: true, Licence: osFacts,
		Publisher:   "PRC Ministry of Commerce, Ministry of Foreign Affairs, Taiwan Affairs Office",
		Description: "PRC counter-sanctions, Unreliable Entity List and export-control lists (English and Chinese)",
		Files:       []string{"us_dod_1260h_bis_mieu/cn_mofcom_countersanctions.csv"}},

	{Name: "ofac_xml_sample", Format: FormatOFACXML, Publisher: ofacPub, Licence: usGov,
		Description: "a sample of OFAC's sdnList XML (April 2020)", Files: []string{samplePf + "sample_ofac_consolidated.xml"}},
	{Name: "eu_fsf_sample", Format: FormatEUXML, Publisher: "European Commission (FSF)", Licence: euOJ,
		Description: "a sample of the EU Financial Sanctions Files XML", Files: []string{samplePf + "sample_eu.xml"}},
	{Name: "uk_hmt_sample", Format: FormatHMTCSV, Publisher: "HM Treasury, OFSI", Licence: "Open Government Licence",
		Description: "a sample of the UK HMT consolidated list CSV (April 2020)", Files: []string{samplePf + "sample_hmt.csv"}},
	{Name: "un_sc_sample", Format: FormatUNXML, Publisher: "United Nations Security Council",
		Licence: "public UN document", Description: "a sample of the UN consolidated list XML (October 2024)",
		Files: []string{samplePf + "sample_unsc.xml"}},
	{Name: "us_csl_2019_sample", Format: FormatCSL, Publisher: "US International Trade Administration", Licence: usGov,
		Description: "a sample of the Consolidated Screening List CSV, 2019 layout", Files: []string{samplePf + "us_csl_sample_2019.csv"}},
	{Name: "us_csl_2025_sample", Format: FormatCSL, Publisher: "US International Trade Administration", Licence: usGov,
		Description: "a sample of the Consolidated Screening List CSV, 2025 layout",
		Files:       []string{samplePf + "us_csl_consolidated_sample_2025.csv"}},
	{Name: "os_zala_aero", Format: FormatFTM, Publisher: "OpenSanctions", Licence: osNC,
		Description: "FollowTheMoney cluster of 91 entities around ZALA Aero (drones)",
		Files:       []string{"opensanctions_ftm/zala_aero_cluster.ftm.jsonl"}},
	{Name: "os_multilingual", Format: FormatFTM, Publisher: "OpenSanctions", Licence: osNC,
		Description: "FollowTheMoney sample of multilingual entities", Files: []string{"opensanctions_ftm/t1_sample.ftm.jsonl"}},
	{Name: "os_us_congress", Format: FormatSenzing, Publisher: "OpenSanctions", Licence: osNC,
		Description: "Senzing JSON export of members of the US Congress (politically exposed persons)",
		Files:       []string{"opensanctions_ftm/us_congress_senzing.json"}},
}

// Sources returns the lists tradetrace knows, the default ones first.
func Sources() []Source {
	out := make([]Source, len(sources))
	for i, s := range sources {
		s.Files = append([]string(nil), s.Files...)
		out[i] = s
	}
	return out
}

// source returns the named source.
func source(name string) (Source, bool) {
	for _, s := range sources {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}
