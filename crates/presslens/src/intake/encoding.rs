//! Bytes to clean text: encoding detection and normalisation.
//!
//! Decoding order: a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8; otherwise
//! Windows-1252, the usual encoding of older news pages and exported files. Text with NUL bytes or
//! many control characters is refused as binary rather than turned into garbage.
//!
//! Normalisation makes the text the analysis sees: line ends become `\n`, no-break and other fixed
//! spaces become plain spaces, zero-width characters and stray control characters are dropped. The
//! normalised text is what the `presslens/1` output carries in `"text"`, so every offset refers to it.

use crate::error::Error;

/// Decodes raw bytes to a `String`, refusing empty and binary input. `input` names the source in
/// errors.
pub fn decode(bytes: &[u8], input: &str) -> Result<String, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            input: input.to_string(),
        });
    }
    let text = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(Error::Binary {
                input: input.to_string(),
                why: format!("invalid {} after its byte-order mark", enc.name()),
            });
        }
        cow.into_owned()
    } else {
        check_binary_bytes(bytes, input)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                cow.into_owned()
            }
        }
    };
    check_binary_text(&text, input)?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            input: input.to_string(),
        });
    }
    Ok(text)
}

fn check_binary_bytes(bytes: &[u8], input: &str) -> Result<(), Error> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            input: input.to_string(),
            why: format!("NUL byte at offset {pos}"),
        });
    }
    Ok(())
}

fn check_binary_text(text: &str, input: &str) -> Result<(), Error> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c == '\0' {
            return Err(Error::Binary {
                input: input.to_string(),
                why: "NUL character".to_string(),
            });
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control * 10 > total {
        return Err(Error::Binary {
            input: input.to_string(),
            why: format!("{control} control characters in the first {total}"),
        });
    }
    Ok(())
}

/// Normalises decoded text: `\r\n` and `\r` → `\n`; fixed-width spaces → space; zero-width and
/// control characters (other than `\n` and `\t`) removed; form feeds become blank lines.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // `text[run..i]` is copied unchanged once a character that changes is reached.
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t' {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let mut len = c.len_utf8();
        let replacement = match c {
            '\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    len += 1;
                }
                "\n"
            }
            '\u{c}' | '\u{2028}' | '\u{2029}' => "\n\n",
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => " ",
            // Zero-width space, joiners used as soft breaks, word joiner, BOM, soft hyphen,
            // direction marks.
            '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{200e}' | '\u{200f}' => "",
            c if c.is_control() => "",
            _ => {
                // Kept as it is.
                i += len;
                continue;
            }
        };
        out.push_str(&text[run..i]);
        out.push_str(replacement);
        i += len;
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// [`normalize`], also returning where each byte of the result came from: `map[i]` is the
/// byte offset in `text` of the character that produced output byte `i`, and `map[len]` is
/// `text.len()`. Lets scorers carry spans over the normalised text back to the original.
pub fn normalize_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut it = text.char_indices().peekable();
    let push = |out: &mut String, map: &mut Vec<usize>, s: &str, at: usize| {
        out.push_str(s);
        map.extend(std::iter::repeat_n(at, s.len()));
    };
    while let Some((at, c)) = it.next() {
        match c {
            '\r' => {
                if it.peek().map(|&(_, n)| n) == Some('\n') {
                    it.next();
                }
                push(&mut out, &mut map, "\n", at);
            }
            '\u{c}' | '\u{2028}' | '\u{2029}' => push(&mut out, &mut map, "\n\n", at),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                push(&mut out, &mut map, " ", at)
            }
            '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{200e}' | '\u{200f}' => {}
            '\n' | '\t' => push(&mut out, &mut map, c.encode_utf8(&mut [0; 4]), at),
            c if c.is_control() => {}
            c => push(&mut out, &mut map, c.encode_utf8(&mut [0; 4]), at),
        }
    }
    map.push(text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_with_map_matches_normalize_and_points_back() {
        let t = "a\r\nb\u{a0}c\u{feff}d\u{2028}e\u{7}f’g";
        let (n, map) = normalize_with_map(t);
        assert_eq!(n, normalize(t));
        assert_eq!(map.len(), n.len() + 1);
        for (i, c) in n.char_indices() {
            let o = map[i];
            let orig = t[o..].chars().next().unwrap_or(' ');
            if !orig.is_whitespace() && orig != '\u{2028}' {
                assert_eq!(orig, c, "output byte {i}");
            }
        }
        // "f’g": the span of "’g" maps back to the same text.
        let s = n.find('’').unwrap_or(0);
        assert_eq!(&t[map[s]..map[n.len()]], "’g");
    }

    #[test]
    fn normalize_equals_the_character_by_character_rules() {
        // Random strings over characters that change and characters that stay.
        let alphabet: Vec<char> =
            "ab Z.\r\n\t\u{0}\u{7}\u{7f}\u{85}\u{9f}\u{a0}\u{ad}é’\u{200b}\u{2009}\
             \u{2028}\u{2029}\u{202f}\u{3000}\u{feff}\u{c}😀"
                .chars()
                .collect();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in 0..400 {
            let t: String = (0..len % 40)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    alphabet[(x % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(normalize(&t), normalize_with_map(&t).0, "{t:?}");
        }
        assert_eq!(normalize("\r\n\r\r\n\n"), "\n\n\n\n");
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Aleppo".as_bytes(), "x").unwrap(), "Aleppo");
        assert_eq!(decode(b"\xef\xbb\xbfAleppo", "x").unwrap(), "Aleppo");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        for u in "Assad’s".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, "x").unwrap(), "Assad’s");
        let mut be = vec![0xfe, 0xff];
        for u in "Putin".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, "x").unwrap(), "Putin");
    }

    #[test]
    fn windows_1252_fallback() {
        // “Caf\xe9” with curly quotes in cp1252.
        let bytes = b"\x93Caf\xe9\x94 said Mr. Smith";
        assert_eq!(decode(bytes, "x").unwrap(), "“Café” said Mr. Smith");
    }

    #[test]
    fn empty_and_binary_are_refused_with_the_name() {
        let e = decode(b"", "a.txt").unwrap_err().to_string();
        assert!(e.contains("a.txt") && e.contains("empty"), "{e}");
        let e = decode(b"  \n\t ", "b.txt").unwrap_err().to_string();
        assert!(e.contains("empty"), "{e}");
        let e = decode(b"PK\x03\x04\x00\x00binary", "c.zip")
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.zip") && e.contains("binary"), "{e}");
        let junk: Vec<u8> = (0u8..32).cycle().take(400).filter(|&b| b != 0).collect();
        assert!(decode(&junk, "d").is_err());
    }

    #[test]
    fn normalisation() {
        let s = normalize("a\r\nb\rc\u{a0}d\u{200b}e\u{feff}f\u{7}g");
        assert_eq!(s, "a\nb\nc defg");
    }
}
