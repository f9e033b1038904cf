//! Supporting files: which files an entry accepts, judged by what they contain rather than by
//! what they are called, and which names are plain enough to keep.
//!
//! A file's bytes never touch the file system under its own name (storage keys are random),
//! but the name is shown and offered back on download, so it must be a plain name.

use serde::{Deserialize, Serialize};

/// The largest supporting file accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most supporting files one entry may have.
pub const MAX_FILES: usize = 10;
/// How much one person's supporting files may take in all: room for a career's evidence
/// (twenty-five files of the largest size), not for a file store.
pub const QUOTA_BYTES: u64 = 250 * 1024 * 1024;

/// Whether a file of `adding` bytes fits beside the `used` bytes a person's files already take.
pub fn within_quota(used: u64, adding: u64) -> Result<(), String> {
    if used.saturating_add(adding) <= QUOTA_BYTES {
        return Ok(());
    }
    Err(format!(
        "Your supporting files already take {} of the {} each person has, so this one does not fit: remove files you no longer need from your entries, or add a link to where the file is kept instead",
        describe_size(used),
        describe_size(QUOTA_BYTES)
    ))
}

/// The longest file name kept.
pub const MAX_NAME: usize = 150;

/// What the upload field says it takes, for the `accept` attribute.
pub const ACCEPT: &str =
    ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv";

/// Office formats from before 2007 (`.doc`, `.xls`, `.ppt`), refused: they can carry macros
/// that run when a colleague opens the file, and every version of Office since 2007 saves the
/// macro-free formats that are accepted.
const LEGACY_OFFICE: &[(&str, &str, &str)] = &[
    ("doc", "Word", "docx"),
    ("xls", "Excel", "xlsx"),
    ("ppt", "PowerPoint", "pptx"),
];

/// The kinds of file an entry accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Word, Excel or PowerPoint before 2007 (OLE compound files).
    LegacyOffice,
    /// Word, Excel or PowerPoint (Office Open XML) or OpenDocument: ZIP packages.
    OfficePackage,
    Text,
}

/// What a file's name says it is: its kind, content type and how to name it to people.
struct Extension {
    ext: &'static str,
    kind: FileKind,
    content_type: &'static str,
    described: &'static str,
}

#[rustfmt::skip]
const EXTENSIONS: &[Extension] = &[
    Extension { ext: "pdf", kind: FileKind::Pdf, content_type: "application/pdf", described: "a PDF" },
    Extension { ext: "png", kind: FileKind::Png, content_type: "image/png", described: "a PNG image" },
    Extension { ext: "jpg", kind: FileKind::Jpeg, content_type: "image/jpeg", described: "a JPEG image" },
    Extension { ext: "jpeg", kind: FileKind::Jpeg, content_type: "image/jpeg", described: "a JPEG image" },
    Extension { ext: "gif", kind: FileKind::Gif, content_type: "image/gif", described: "a GIF image" },
    Extension { ext: "webp", kind: FileKind::Webp, content_type: "image/webp", described: "a WebP image" },
    Extension { ext: "docx", kind: FileKind::OfficePackage, content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", described: "a Word document" },
    Extension { ext: "xlsx", kind: FileKind::OfficePackage, content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", described: "an Excel workbook" },
    Extension { ext: "pptx", kind: FileKind::OfficePackage, content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation", described: "a PowerPoint presentation" },
    Extension { ext: "odt", kind: FileKind::OfficePackage, content_type: "application/vnd.oasis.opendocument.text", described: "an OpenDocument text" },
    Extension { ext: "ods", kind: FileKind::OfficePackage, content_type: "application/vnd.oasis.opendocument.spreadsheet", described: "an OpenDocument spreadsheet" },
    Extension { ext: "odp", kind: FileKind::OfficePackage, content_type: "application/vnd.oasis.opendocument.presentation", described: "an OpenDocument presentation" },
    Extension { ext: "txt", kind: FileKind::Text, content_type: "text/plain; charset=utf-8", described: "a text file" },
    Extension { ext: "csv", kind: FileKind::Text, content_type: "text/csv; charset=utf-8", described: "a CSV file" },
];

/// A file that may be kept: its cleaned name and the content type to serve it as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptedFile {
    pub name: String,
    pub content_type: &'static str,
    /// "a PDF", "a Word document".
    pub described: &'static str,
}

/// Checks an uploaded file: a plain name, a kind Waymark accepts, contents that are that
/// kind, and a size within the limit. `size` is the full size (the caller may stop reading
/// early once it is over the limit); `head` is at least the first few kilobytes.
pub fn check_file(name: &str, size: usize, head: &[u8]) -> Result<AcceptedFile, String> {
    let name = plain_name(name)?;
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if let Some((_, app, modern)) = LEGACY_OFFICE.iter().find(|(ext, _, _)| *ext == extension) {
        return Err(format!(
            "“{name}” is in the old {app} format, which can carry macros, so Waymark does not keep it: open it in {app}, save it as .{modern} (or as a PDF) and upload that"
        ));
    }
    let Some(known) = EXTENSIONS.iter().find(|e| e.ext == extension) else {
        return Err(format!(
            "“{name}” is not a kind of file Waymark keeps: upload a PDF, an image (PNG, JPEG, GIF or WebP), an office document (Word, Excel, PowerPoint or OpenDocument) or a text file"
        ));
    };
    if size == 0 {
        return Err(format!("“{name}” is empty: choose the file again"));
    }
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "“{name}” is larger than 10 MB, the most a file can be: make it smaller, or add a link to it instead"
        ));
    }
    if sniff(head) != Some(known.kind) {
        return Err(format!(
            "“{name}” does not contain {} although its name says so: upload the original file rather than a renamed one",
            known.described
        ));
    }
    Ok(AcceptedFile {
        name,
        content_type: known.content_type,
        described: known.described,
    })
}

/// The name as given, if it is a plain file name: no folders, no control characters, not
/// hidden, not absurdly long. Surrounding spaces are dropped.
pub fn plain_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Choose a file to upload".to_owned());
    }
    let shown: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(format!(
            "The file name “{shown}” points into folders: rename it to a plain name such as report.pdf"
        ));
    }
    if name
        .chars()
        .any(|c| c.is_control() || "<>:\"|?*".contains(c))
    {
        return Err(format!(
            "The file name “{shown}” has characters that cannot be used in a file name: rename it to a plain name such as report.pdf"
        ));
    }
    if name.starts_with('.') {
        return Err(format!(
            "The file name “{shown}” starts with a dot: rename it to a plain name such as report.pdf"
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!(
            "The file name “{shown}…” is longer than {MAX_NAME} characters: shorten it"
        ));
    }
    Ok(name.to_owned())
}

/// What a file's first bytes show it to be, if it is one of the accepted kinds.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some(FileKind::Gif)
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else if head.starts_with(OLE) {
        Some(FileKind::LegacyOffice)
    } else if head.starts_with(b"PK\x03\x04") {
        Some(FileKind::OfficePackage)
    } else if looks_like_text(head) {
        Some(FileKind::Text)
    } else {
        None
    }
}

/// UTF-8 (allowing a character cut off at the end of `head`), no NUL bytes, and not a web
/// page or script passed off as text.
fn looks_like_text(head: &[u8]) -> bool {
    if head.is_empty() || head.contains(&0) {
        return false;
    }
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let start = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    !["<!doctype", "<html", "<script", "<svg", "<?xml", "#!"]
        .iter()
        .any(|p| start.starts_with(p))
}

/// "850 KB", "2.4 MB".
pub fn describe_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        // Files are at most a few megabytes, so kilobytes fit a u32 and an f64 exactly.
        let kilobytes = u32::try_from(bytes / 1024).unwrap_or(u32::MAX);
        format!("{:.1} MB", f64::from(kilobytes) / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_pdf_called_pdf_is_accepted_as_a_pdf() {
        let file = check_file("Training slides.pdf", 2_000, PDF).expect("accepted");
        assert_eq!(file.name, "Training slides.pdf");
        assert_eq!(file.content_type, "application/pdf");
    }

    #[test]
    fn the_extension_is_read_whatever_its_case() {
        assert!(check_file("PHOTO.PNG", 100, PNG).is_ok());
    }

    #[test]
    fn office_documents_and_text_are_accepted() {
        assert!(check_file("plan.docx", 100, b"PK\x03\x04\x14\0\x06\0").is_ok());
        assert!(check_file("notes.txt", 5, b"Notes").is_ok());
        assert!(check_file("register.csv", 9, "Name,Ré\n".as_bytes()).is_ok());
    }

    #[test]
    fn a_file_fits_until_a_persons_files_would_pass_their_quota() {
        assert!(within_quota(0, 10 * 1024 * 1024).is_ok());
        assert!(within_quota(QUOTA_BYTES - 10, 10).is_ok());
        let message = within_quota(QUOTA_BYTES - 10, 11).unwrap_err();
        assert!(message.contains("250.0 MB"), "{message}");
        assert!(
            message.contains("remove files you no longer need"),
            "{message}"
        );
        assert!(within_quota(u64::MAX, 1).is_err(), "no overflow");
    }

    #[test]
    fn old_office_formats_that_can_carry_macros_are_refused_with_what_to_do_instead() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        for (name, modern) in [
            ("old.doc", ".docx"),
            ("Budget.XLS", ".xlsx"),
            ("talk.ppt", ".pptx"),
        ] {
            let message = check_file(name, 100, &ole).unwrap_err();
            assert!(message.contains("can carry macros"), "{message}");
            assert!(message.contains(modern), "{message}");
        }
        assert!(
            !ACCEPT.contains(".doc,") && !ACCEPT.contains(".xls,") && !ACCEPT.contains(".ppt,")
        );
    }

    #[test]
    fn a_program_renamed_to_pdf_is_refused_as_disguised() {
        let message = check_file("slides.pdf", 100, b"MZ\x90\0\x03\0\0\0").unwrap_err();
        assert!(message.contains("does not contain a PDF"), "{message}");
    }

    #[test]
    fn an_image_renamed_to_a_word_document_is_refused() {
        assert!(check_file("plan.docx", 100, PNG).is_err());
    }

    #[test]
    fn a_web_page_or_script_renamed_to_text_is_refused() {
        assert!(check_file("notes.txt", 40, b"<!DOCTYPE html><script>alert(1)</script>").is_err());
        assert!(check_file("notes.txt", 20, b"  <svg onload=x>").is_err());
        assert!(check_file("run.txt", 20, b"#!/bin/sh\nrm -rf /").is_err());
        assert!(check_file("bin.txt", 4, b"a\0bc").is_err());
    }

    #[test]
    fn text_cut_off_in_the_middle_of_a_character_is_still_text() {
        let text = "café".as_bytes();
        assert_eq!(sniff(&text[..text.len() - 1]), Some(FileKind::Text));
    }

    #[test]
    fn kinds_waymark_does_not_keep_are_refused_by_name() {
        for name in [
            "virus.exe",
            "page.html",
            "drawing.svg",
            "archive.zip",
            "noextension",
        ] {
            let message = check_file(name, 10, b"whatever").unwrap_err();
            assert!(message.contains("not a kind of file"), "{name}: {message}");
        }
    }

    #[test]
    fn a_file_over_ten_megabytes_is_refused_with_its_size() {
        let message = check_file("big.pdf", MAX_FILE_BYTES + 1, PDF).unwrap_err();
        assert!(message.contains("larger than 10 MB"), "{message}");
        assert!(check_file("just.pdf", MAX_FILE_BYTES, PDF).is_ok());
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert!(
            check_file("empty.pdf", 0, b"")
                .unwrap_err()
                .contains("is empty")
        );
    }

    #[test]
    fn names_that_point_into_folders_are_refused() {
        for name in [
            "../../etc/passwd.txt",
            "..\\boot.ini.txt",
            "/etc/notes.txt",
            "a/b.pdf",
            "x..pdf",
        ] {
            let message = plain_name(name).unwrap_err();
            assert!(message.contains("folders"), "{name}: {message}");
        }
    }

    #[test]
    fn hidden_names_control_characters_and_reserved_characters_are_refused() {
        assert!(
            plain_name(".htaccess.txt")
                .unwrap_err()
                .contains("starts with a dot")
        );
        assert!(plain_name("report\u{0}.pdf").is_err());
        assert!(plain_name("line\nbreak.pdf").is_err());
        assert!(plain_name("what?.pdf").is_err());
    }

    #[test]
    fn a_missing_name_asks_for_a_file() {
        assert_eq!(plain_name("   ").unwrap_err(), "Choose a file to upload");
    }

    #[test]
    fn very_long_names_are_refused() {
        let long = format!("{}.pdf", "a".repeat(MAX_NAME));
        assert!(plain_name(&long).unwrap_err().contains("longer than"));
    }

    #[test]
    fn sizes_are_described_in_words_people_use() {
        assert_eq!(describe_size(512), "512 bytes");
        assert_eq!(describe_size(2048), "2 KB");
        assert_eq!(describe_size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
