//! Bytes → text: BOMs, UTF-16, legacy 8-bit encodings (Windows-1252 and friends) and line endings,
//! so that every later stage sees clean UTF-8 with `\n` line breaks.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other signs of a non-text file (an image, a PDF, an archive).
    Binary,
}

/// Text decoded from a file, with the encoding that was used.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`, detecting the encoding: BOM, then UTF-16 without BOM, then valid UTF-8,
/// then an HTML `<meta charset>` when `html_hint`, then a statistical guess (chardetng).
pub fn decode(bytes: &[u8], html_hint: bool) -> Result<Decoded, DecodeError> {
    let (encoding, body): (&'static Encoding, &[u8]) = if let Some((enc, bom_len)) =
        Encoding::for_bom(bytes)
    {
        (enc, &bytes[bom_len..])
    } else if let Some(enc) = sniff_utf16(bytes) {
        (enc, bytes)
    } else if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else if let Some(enc) = html_hint.then(|| meta_charset(bytes)).flatten() {
        (enc, bytes)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        (detector.guess(None, chardetng::Utf8Detection::Allow), bytes)
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
    })
}

/// `\r\n` and lone `\r` become `\n`.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// UTF-16 without a BOM: most bytes at odd (LE) or even (BE) positions are zero in Latin text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_odd = sample.chunks(2).filter(|c| c[1] == 0 && c[0] != 0).count();
    let zero_even = sample.chunks(2).filter(|c| c[0] == 0 && c[1] != 0).count();
    if zero_odd * 10 >= pairs * 7 {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A text file has no NUL bytes and few control characters in its first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > sample.len().max(1)
}

/// The encoding named by `<meta charset=…>` or `http-equiv` in the first 2 KiB of an HTML page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b' ' | b'>' | b';' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("Grüße\r\nda".as_bytes(), false).unwrap().text,
            "Grüße\nda"
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("x".as_bytes());
        let d = decode(&b, false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("x", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "Peskow sagte „Ja“"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(decode(&le, false).unwrap().text, "Peskow sagte „Ja“");
        let be: Vec<u8> = "Moscow said yes"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let d = decode(&be, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Moscow said yes", "UTF-16BE")
        );
    }

    #[test]
    fn windows_1252_is_guessed() {
        // "Kreml“ sagte: »Genau« – café" in Windows-1252
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Der Kreml sagte: »Genau so« – das Café in Moskau ist geöffnet. Über die Straße.",
        );
        let d = decode(&bytes, false).unwrap();
        assert!(d.text.contains("»Genau so« – das Café"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-2\"></head><body>\xa9</body></html>";
        let d = decode(page, true).unwrap();
        assert!(d.text.contains('Š'), "{}", d.text);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false).unwrap_err(),
            DecodeError::Binary
        );
        assert_eq!(
            decode(
                b"%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f",
                false
            )
            .unwrap_err(),
            DecodeError::Binary
        );
    }
}
