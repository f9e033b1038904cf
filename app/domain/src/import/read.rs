//! Reading the bytes of a staff file into headings and rows: UTF-8 with or without a byte
//! order mark, Windows-1252 from older systems, UTF-16 from Excel's "Unicode text"; commas,
//! semicolons (Excel in much of Europe) or tabs; quoted fields with line breaks inside; blank
//! rows skipped. Rows are numbered as a spreadsheet shows them (the headings are row 1).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The largest file read: about 50,000 staff, far more than any trust.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most rows of staff read from one file.
pub const MAX_ROWS: usize = 25_000;

/// A file's headings and its rows of staff, each with its row number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headings: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The table as plain UTF-8 CSV (commas, quoted where needed), which [`read`] reads back
    /// as the same table, whatever the file it came from was saved as.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        let mut ok = writer.write_record(&self.headings).is_ok();
        for (_, cells) in &self.rows {
            ok &= writer.write_record(cells).is_ok();
        }
        let bytes = writer.into_inner().unwrap_or_default();
        if ok {
            String::from_utf8(bytes).unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// The file as text, whatever it was saved as.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return UTF_16LE.decode_with_bom_removal(bytes).0.into_owned();
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return UTF_16BE.decode_with_bom_removal(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        // Not UTF-8: an older system's Windows-1252 ("Zoë", "£" as one byte each).
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The separator the heading row uses most: comma, semicolon or tab.
fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| (count(char::from(*s)), *s == b','))
        .unwrap_or(b',')
}

/// Reads a staff file, or says in plain words why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Table, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "The file is larger than {} MB: export only the columns Waymark needs, or split it by academy",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err("The file is empty: export the staff list as CSV and choose that file".into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (index, record) in reader.records().enumerate() {
        let number = index + 1;
        let record = record.map_err(|e| format!("Row {number} could not be read: {e}"))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if table.headings.is_empty() {
            table.headings = cells;
            continue;
        }
        if table.rows.len() == MAX_ROWS {
            return Err(format!(
                "The file has more than {MAX_ROWS} rows of staff: split it by academy and import each part"
            ));
        }
        table.rows.push((number, cells));
    }
    if table.rows.is_empty() {
        return Err("The file has headings but no rows of staff".into());
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_and_blank_trailing_rows_make_no_difference() {
        let table = read(b"\xEF\xBB\xBFName,Email\r\nAnn,ann@x.org\r\n,\r\n\r\n").expect("reads");
        assert_eq!(table.headings, ["Name", "Email"]);
        assert_eq!(
            table.rows,
            [(2, vec!["Ann".to_owned(), "ann@x.org".to_owned()])]
        );
    }

    #[test]
    fn semicolons_and_windows_1252_are_read_as_excel_writes_them() {
        let table = read(b"Name;Academy\nZo\xEB Br\xFBl\xE9;Caf\xE9 Academy\n").expect("reads");
        assert_eq!(table.rows[0].1, ["Zoë Brûlé", "Café Academy"]);
    }

    #[test]
    fn a_quoted_field_may_hold_a_line_break_and_rows_keep_their_spreadsheet_numbers() {
        let table =
            read(b"Name,Job title\n\"Ann\",\"Head of\nMaths\"\nBen,Teacher\n").expect("reads");
        assert_eq!(table.rows[0].1[1], "Head of\nMaths");
        assert_eq!(table.rows[1].0, 3, "the row after a two-line cell is row 3");
    }

    #[test]
    fn a_table_written_back_as_csv_reads_as_the_same_table() {
        let table = read(b"Name;Note\nZo\xEB;\"a, b\"\n").expect("reads");
        let again = read(table.to_csv().as_bytes()).expect("reads again");
        assert_eq!(again.headings, table.headings);
        assert_eq!(
            again.rows.iter().map(|r| &r.1).collect::<Vec<_>>(),
            table.rows.iter().map(|r| &r.1).collect::<Vec<_>>()
        );
    }

    #[test]
    fn unicode_text_from_excel_is_read_too() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Name\tEmail\nAnn\tann@x.org\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let table = read(&bytes).expect("reads");
        assert_eq!(table.rows[0].1, ["Ann", "ann@x.org"]);
    }

    #[test]
    fn an_empty_a_heading_only_or_an_oversized_file_is_refused_plainly() {
        assert!(read(b"").unwrap_err().contains("empty"));
        assert!(read(b"Name,Email\n").unwrap_err().contains("no rows"));
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert!(read(&huge).unwrap_err().contains("larger than"));
        let mut many = String::from("Name\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("P{i}\n"));
        }
        assert!(read(many.as_bytes()).unwrap_err().contains("more than"));
    }
}
