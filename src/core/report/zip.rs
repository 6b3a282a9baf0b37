//! A ZIP archive writer, enough for the Office Open XML packages the report
//! exports (XLSX, DOCX): DEFLATE members (the miniz_oxide the storage already
//! carries), UTF-8 names, CRC-32, a central directory. No ZIP64: a report is
//! a few MB at most.

/// CRC-32 (IEEE), as ZIP requires for every member.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, b| {
        TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// A ZIP archive of DEFLATE-compressed members, in the order added.
#[derive(Default)]
pub struct Zip {
    bytes: Vec<u8>,
    directory: Vec<u8>,
    count: u16,
}

impl Zip {
    /// Adds `content` as the member `name`, compressed.
    pub fn add(&mut self, name: &str, content: &[u8]) {
        // Level 3: a province's 28 MB daily sheet packs in about a third of
        // level 6's time for a file 15 % larger (measured with zlib).
        let packed = miniz_oxide::deflate::compress_to_vec(content, 3);
        let crc = crc32(content);
        let offset = self.bytes.len() as u32;
        // Version 2.0, no flags, DEFLATE, a fixed time (1980-01-01): the file
        // is the same for the same report.
        let common = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            out.extend_from_slice(&8u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&0x0021u16.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            out.extend_from_slice(&(content.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
        };
        self.bytes.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.bytes);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(&packed);

        self.directory
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.directory.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut self.directory);
        self.directory.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        self.directory.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        self.directory.extend_from_slice(&offset.to_le_bytes());
        self.directory.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    /// The archive: the members, then the central directory.
    pub fn finish(mut self) -> Vec<u8> {
        let start = self.bytes.len() as u32;
        let size = self.directory.len() as u32;
        self.bytes.extend_from_slice(&self.directory);
        self.bytes.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.bytes.extend_from_slice(&[0; 4]); // disk numbers
        self.bytes.extend_from_slice(&self.count.to_le_bytes());
        self.bytes.extend_from_slice(&self.count.to_le_bytes());
        self.bytes.extend_from_slice(&size.to_le_bytes());
        self.bytes.extend_from_slice(&start.to_le_bytes());
        self.bytes.extend_from_slice(&0u16.to_le_bytes());
        self.bytes
    }
}

/// The XML declaration every part of an Office Open XML package starts with.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

/// Namespace of the relationship types (`…/relationships/worksheet`).
pub const RELATIONSHIP_TYPES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `[Content_Types].xml` of a package: XML and relationship parts by
/// extension, and the given `(part name, content type)` overrides.
pub fn content_types(overrides: &[(String, &str)]) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    for (part, content_type) in overrides {
        out.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{content_type}\"/>"
        ));
    }
    out.push_str("</Types>");
    out
}

/// A relationships part: `(id, type, target)`, the type a full URI or a
/// name under [`RELATIONSHIP_TYPES`] (`worksheet`, `styles`, …).
pub fn relationships(entries: &[(String, &str, String)]) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target) in entries {
        let kind = if kind.starts_with("http") {
            kind.to_string()
        } else {
            format!("{RELATIONSHIP_TYPES}/{kind}")
        };
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        ));
    }
    out.push_str("</Relationships>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::xml_text;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(xml_text("<b>&\"x\"\u{1}"), "&lt;b&gt;&amp;&quot;x&quot;");
    }
}
