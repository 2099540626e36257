// Package table reads tables as users receive them — CSV, TSV, XLSX and JSON lines, plain or gzip-compressed,
// in UTF-8, UTF-16 or a legacy code page — as a stream of records: a header, then rows of string fields with
// their row numbers. It knows nothing of customs data; mapping columns to shipments is the ingest package's job.
//
// # Detection
//
// Gzip is recognised by its magic bytes whatever the extension, and looked through. A zip archive is read as
// XLSX; a legacy .xls (OLE) file is refused with ErrUnsupported. Text is JSON lines when the extension says so
// (.jsonl, .ndjson, .json; a JSON array is refused) or, unless the extension is .csv, when its first non-blank
// character is '{'. Otherwise it is delimited text: .tsv and .tab mean tab, any other extension has its
// delimiter sniffed among ',', ';', tab and '|' (the one found on the header and equally often on most of the
// first 50 records). Text that ends its lines with a bare CR (old Mac exports) is read as if they were LF.
// Options force any of this.
//
// The encoding comes from a byte order mark (UTF-8, UTF-16 LE or BE), from zero bytes at alternate positions
// (UTF-16 without a mark), or from the first MiB: valid UTF-8 is UTF-8; otherwise the text is Windows-1251 or
// Windows-1252, chosen by whether bytes 0xC0–0xFF sit next to each other (Cyrillic words) or between ASCII
// letters (accented Latin). A file whose first MiB is ASCII and whose later rows are Windows-1251 is read as
// UTF-8 and those rows come back with ReasonInvalidUTF8: set Options.Encoding for such files. Fields are always
// valid UTF-8.
//
// # Header and rows
//
// The header is the first non-blank line (CSV, TSV), the first row with a value (XLSX), or the keys of the first
// object (JSON lines). Header names are trimmed of white space. Open fails, naming the file, on an empty file,
// no header, a header of more than Options.MaxColumns columns (ErrTooManyColumns), and a name that appears twice
// (ErrDuplicateHeader, compared case-insensitively; empty names may repeat) unless Options.RenameDuplicates.
//
// Record.Row numbers data records from 1; the header is row 0. Record.Line is where the record starts in the
// source: the 1-based physical line for CSV, TSV and JSON lines — a CSV record whose quoted fields hold line
// breaks spans several lines and reports the first — and the spreadsheet row number for XLSX.
//
// CSV and TSV records must have as many fields as the header; more (unless the extra ones are all empty, as
// after a trailing delimiter) or fewer is a row error. XLSX rows are padded with empty fields to the header's
// width, since empty cells are absent from the file; a value right of the header is a row error. A merged XLSX
// range keeps its value in its top-left cell and leaves the other cells empty; MergedRanges lists the ranges.
// Dates in XLSX, stored as serial numbers with a date format, come out as "2006-01-02" (or "2006-01-02
// 15:04:05" for a date-and-time format); other numbers are kept as written in the file. JSON lines fields are
// aligned to the header as it stood after that record: a record has one field per key seen so far, so records
// read before a new key appeared are shorter; numbers keep their literal text, null is empty, and nested
// objects and arrays are compact JSON.
//
// # Errors
//
// A problem confined to one row comes back in Record.Err as a *RowError with a Reason, and reading goes on.
// Quoting is lenient where Excel is (a stray quote inside a field is a literal character). A quoted field whose
// closing quote is missing would swallow the lines after it, so a record that spans lines is reported with
// ReasonUnterminatedQuote, and reading resumes on the line after the one where it began, when the input ends
// inside the field, when the field runs over the size limit, when a stray quote follows a line break inside it,
// or when the record does not have the header's width. A legitimate multi-line field that breaks one of these
// rules is misread this way; one that ends on a well-placed quote cannot be told from a runaway one and is read
// as written. A field over Options.MaxFieldBytes, or a record over Options.MaxRecordBytes, is reported and the
// rest of its line skipped. A NUL byte is reported as ReasonBinary. A byte order mark at the start of a line is
// dropped, and a row that repeats the header (concatenated files) is ReasonRepeatedHeader. An error returned by
// Next itself — a read or decompression failure, broken XLSX XML — ends the reading; Next keeps returning it.
//
// # Speed
//
// The CSV scanner reads 256 KiB blocks, finds line ends with bytes.IndexByte, and makes one string per record,
// slicing the fields from it; see Record for what that means for keeping fields. It validates UTF-8 and looks for
// NUL bytes once per record. Single-byte code pages decode through a 256-entry table. XLSX sheets are streamed,
// never loaded whole; the shared strings are.
package table
