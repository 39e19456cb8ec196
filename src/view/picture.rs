//! The map picture's plain parts: what its key lists (`KeyRow`) and the
//! text it carries in the PNG file itself (`with_text`: `tEXt` chunks for
//! the title, the link, the credits), so a picture pasted into a slide
//! still says what it is and where it came from. The drawing is
//! `web::picture`'s. Plain Rust.

/// One line of the picture's key: a sector shown, its colour and how many
/// of its sites are on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    pub colour: &'static str,
    pub label: String,
    pub count: usize,
}

/// PNG's signature.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// `png` with a `tEXt` chunk per `(keyword, text)` put before its `IEND`.
/// `tEXt` is Latin-1: characters outside it become `?` (the drawn text
/// carries every language; this is for file browsers and search). `None`
/// when `png` is not a PNG this can read.
pub fn with_text(png: &[u8], entries: &[(&str, &str)]) -> Option<Vec<u8>> {
    if png.get(..8)? != SIGNATURE {
        return None;
    }
    // Walk the chunks to IEND.
    let mut at = 8;
    let iend = loop {
        let len = u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = png.get(at + 4..at + 8)?;
        if kind == b"IEND" {
            break at;
        }
        at = at.checked_add(12)?.checked_add(len)?;
    };
    let mut out = Vec::with_capacity(png.len() + 256);
    out.extend_from_slice(&png[..iend]);
    for (keyword, text) in entries {
        let mut data: Vec<u8> = keyword.bytes().take(79).collect();
        data.push(0);
        data.extend(text.chars().map(|c| {
            u8::try_from(u32::from(c))
                .ok()
                .filter(|b| *b != 0)
                .unwrap_or(b'?')
        }));
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        let start = out.len();
        out.extend_from_slice(b"tEXt");
        out.extend_from_slice(&data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out.extend_from_slice(&png[iend..]);
    Some(out)
}

/// The `(keyword, text)` pairs of `png`'s `tEXt` chunks, in order.
pub fn text_of(png: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut at = 8;
    while let Some(head) = png.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if let (b"tEXt", Some(data)) = (&head[4..8], png.get(at + 8..at + 8 + len))
            && let Some(zero) = data.iter().position(|b| *b == 0)
        {
            let latin = |bytes: &[u8]| bytes.iter().map(|b| char::from(*b)).collect::<String>();
            out.push((latin(&data[..zero]), latin(&data[zero + 1..])));
        }
        at += 12 + len;
    }
    out
}

/// CRC-32 as PNG computes it (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest PNG: one transparent pixel.
    fn pixel() -> Vec<u8> {
        let mut png = SIGNATURE.to_vec();
        let chunk = |png: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let start = png.len();
            png.extend_from_slice(kind);
            png.extend_from_slice(data);
            let crc = crc32(&png[start..]);
            png.extend_from_slice(&crc.to_be_bytes());
        };
        chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        chunk(
            &mut png,
            b"IDAT",
            &[0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1],
        );
        chunk(&mut png, b"IEND", &[]);
        png
    }

    #[test]
    fn crc_matches_the_png_specification() {
        // IEND's CRC is the same in every PNG.
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn text_goes_before_iend_and_reads_back() {
        let png = pixel();
        let out = with_text(
            &png,
            &[
                ("Title", "China–Central Asia Atlas"),
                ("Source", "https://a.example/?site=x"),
            ],
        )
        .unwrap_or_default();
        assert!(out.ends_with(&png[png.len() - 12..]), "IEND stays last");
        assert_eq!(out.len(), png.len() + 12 + 6 + 24 + 12 + 7 + 25);
        assert_eq!(
            text_of(&out),
            vec![
                ("Title".to_owned(), "China?Central Asia Atlas".to_owned()),
                ("Source".to_owned(), "https://a.example/?site=x".to_owned()),
            ]
        );
        assert_eq!(with_text(b"not a png", &[]), None);
        assert_eq!(with_text(&png[..20], &[]), None, "cut short");
    }
}
