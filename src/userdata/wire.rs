//! An import's outcome packed for the trip from the import worker to the
//! page: three flat lists — bytes (all text, UTF-8, one after the other),
//! 32-bit words (counts, lengths, indexes) and 32-bit floats (the projected
//! coordinates and bounding boxes) — that the browser can hand over as
//! typed arrays without copying, and that the page takes back with one
//! copy each. The large parts (the features' text, the coordinates) are
//! moved into and out of the lists whole, not item by item. Hand-written,
//! so that the format is exactly this and nothing is parsed on the way
//! back but counts: `decode` checks every count and index against what is
//! there and refuses a damaged message rather than panic. Plain Rust.

use thiserror::Error;

use crate::userdata::import::{ImportError, Skipped};
use crate::userdata::loaded::{Loaded, Outcome};
use crate::userdata::overlay::{Group, Overlay, Part, PartKind, RawOverlay};
use crate::userdata::problem::Problem;
use crate::userdata::table::{FeatureTable, RawTable};

/// The three lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    pub bytes: Vec<u8>,
    pub words: Vec<u32>,
    pub floats: Vec<f32>,
}

/// The first word: the format's name and version, so that a page never
/// reads a message of another build's worker as its own.
const MAGIC: u32 = 0x4154_4c01;

/// Why a message could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WireError {
    #[error("the message is not from this version of the import worker")]
    Version,
    #[error("the message ends too soon")]
    Short,
    #[error("the message has a value out of range ({0})")]
    Range(&'static str),
    #[error("the message's text is not UTF-8")]
    Text,
    #[error("the message has more than it should")]
    Trailing,
    #[error(transparent)]
    Overlay(#[from] crate::userdata::overlay::Inconsistent),
    #[error(transparent)]
    Table(#[from] crate::userdata::table::Inconsistent),
}

/// Packs `outcome`, moving its large lists.
pub fn encode(outcome: Outcome) -> Packed {
    let mut w = Writer::default();
    w.word(MAGIC);
    match outcome {
        Err(error) => {
            w.word(0);
            w.error(&error);
        }
        Ok(loaded) => {
            w.word(1);
            let Loaded {
                features,
                overlay,
                skipped,
                skipped_count,
            } = loaded;
            // The two large lists go first, whole: the features' text at
            // the start of the bytes, the coordinates at the start of the
            // floats.
            let table = features.into_raw();
            let raw = overlay.into_raw();
            w.word(len32(table.text.len()));
            w.bytes = table.text.into_bytes();
            w.word(len32(raw.coords.len()));
            w.floats = raw.coords;
            w.list(&table.ends);
            w.list(&table.starts);
            w.word(len32(table.has_id.len()));
            w.words.extend(table.has_id.iter().map(|&b| u32::from(b)));
            w.word(len32(skipped_count));
            w.word(len32(skipped.len()));
            for s in &skipped {
                w.word(len32(s.index));
                w.problem(&s.reason);
            }
            w.word(len32(raw.parts.len()));
            for part in &raw.parts {
                w.words
                    .extend([kind_number(part.kind), part.feature, part.start, part.len]);
                w.floats.extend(part.bbox);
            }
            w.word(len32(raw.feature_group.len()));
            w.words
                .extend(raw.feature_group.iter().map(|&g| u32::from(g)));
            w.word(len32(raw.groups.len()));
            for group in &raw.groups {
                w.text(&group.name);
                w.word(len32(group.count));
            }
        }
    }
    Packed {
        bytes: w.bytes,
        words: w.words,
        floats: w.floats,
    }
}

/// Reads a message `encode` wrote.
pub fn decode(packed: Packed) -> Result<Outcome, WireError> {
    let Packed {
        mut bytes,
        words,
        mut floats,
    } = packed;
    let mut r = Reader {
        words: &words,
        at: 0,
        text_at: 0,
    };
    if r.word()? != MAGIC {
        return Err(WireError::Version);
    }
    let outcome = match r.word()? {
        0 => {
            let error = r.error(&bytes)?;
            r.end(&bytes, &floats)?;
            Err(error)
        }
        1 => {
            let text_len = r.word()? as usize;
            let coords_len = r.word()? as usize;
            if text_len > bytes.len() || coords_len > floats.len() {
                return Err(WireError::Short);
            }
            // The rest of each list after its large part.
            let small_bytes = bytes.split_off(text_len);
            let small_floats = floats.split_off(coords_len);
            let text = String::from_utf8(bytes).map_err(|_| WireError::Text)?;
            let ends = r.list()?.to_vec();
            let starts = r.list()?.to_vec();
            let count = r.count()?;
            let has_id = r.take(count)?.iter().map(|&b| b != 0).collect();
            let features = FeatureTable::from_raw(RawTable {
                text,
                ends,
                starts,
                has_id,
            })?;
            let skipped_count = r.word()? as usize;
            let listed = r.count()?;
            let mut skipped = Vec::with_capacity(listed.min(1024));
            for _ in 0..listed {
                let index = r.word()? as usize;
                let reason = r.problem(&small_bytes)?;
                skipped.push(Skipped { index, reason });
            }
            let part_count = r.count()?;
            let mut parts = Vec::with_capacity(part_count);
            let mut bboxes = small_floats.chunks_exact(4);
            for _ in 0..part_count {
                let &[kind, feature, start, len] = r.take(4)? else {
                    return Err(WireError::Short);
                };
                let bbox = bboxes.next().ok_or(WireError::Short)?;
                parts.push(Part {
                    kind: part_kind(kind)?,
                    feature,
                    start,
                    len,
                    bbox: [bbox[0], bbox[1], bbox[2], bbox[3]],
                });
            }
            let count = r.count()?;
            let feature_group = r
                .take(count)?
                .iter()
                .map(|&g| u16::try_from(g).map_err(|_| WireError::Range("group")))
                .collect::<Result<Vec<u16>, WireError>>()?;
            let group_count = r.count()?;
            let mut groups = Vec::with_capacity(group_count.min(1024));
            for _ in 0..group_count {
                let name = r.text(&small_bytes)?;
                let count = r.word()? as usize;
                groups.push(Group { name, count });
            }
            if small_floats.len() != part_count * 4 {
                return Err(WireError::Trailing);
            }
            r.end(&small_bytes, &[])?;
            let overlay = Overlay::from_raw(RawOverlay {
                coords: floats,
                parts,
                feature_group,
                groups,
            })?;
            if overlay.len() != features.len() {
                return Err(WireError::Range("feature count"));
            }
            Ok(Loaded {
                features,
                overlay,
                skipped,
                skipped_count,
            })
        }
        _ => return Err(WireError::Range("outcome")),
    };
    Ok(outcome)
}

/// A length as a word. Nothing the importer makes comes near 2³² (the
/// input is at most `import::MAX_BYTES`); saturating keeps `encode` total,
/// and `decode` would then refuse the message rather than misread it.
fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn kind_number(kind: PartKind) -> u32 {
    match kind {
        PartKind::Point => 0,
        PartKind::Line => 1,
        PartKind::Ring => 2,
        PartKind::Hole => 3,
    }
}

fn part_kind(n: u32) -> Result<PartKind, WireError> {
    Ok(match n {
        0 => PartKind::Point,
        1 => PartKind::Line,
        2 => PartKind::Ring,
        3 => PartKind::Hole,
        _ => return Err(WireError::Range("part kind")),
    })
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    words: Vec<u32>,
    floats: Vec<f32>,
}

impl Writer {
    fn word(&mut self, w: u32) {
        self.words.push(w);
    }

    /// A number that may pass 2³² in principle (a file's size): two words.
    fn wide(&mut self, n: usize) {
        let n = n as u64;
        self.words.extend([n as u32, (n >> 32) as u32]);
    }

    fn list(&mut self, items: &[u32]) {
        self.word(len32(items.len()));
        self.words.extend_from_slice(items);
    }

    fn text(&mut self, text: &str) {
        self.word(len32(text.len()));
        self.bytes.extend_from_slice(text.as_bytes());
    }

    fn problem(&mut self, problem: &Problem) {
        let (tag, number, text) = problem.to_parts();
        self.words.extend([tag, number]);
        self.text(text);
    }

    fn error(&mut self, error: &ImportError) {
        match error {
            ImportError::TooLarge { size, limit } => {
                self.word(0);
                self.wide(*size);
                self.wide(*limit);
            }
            ImportError::InvalidJson {
                message,
                line,
                column,
            } => {
                self.word(1);
                self.text(message);
                self.wide(*line);
                self.wide(*column);
            }
            ImportError::TooDeep(depth) => {
                self.word(2);
                self.wide(*depth);
            }
            ImportError::NotGeoJson(why) => {
                self.word(3);
                self.problem(why);
            }
            ImportError::NothingUsable { skipped, first } => {
                self.word(4);
                self.wide(*skipped);
                self.problem(first);
            }
        }
    }
}

struct Reader<'a> {
    words: &'a [u32],
    at: usize,
    /// Where the next text starts in the bytes.
    text_at: usize,
}

impl<'a> Reader<'a> {
    fn word(&mut self) -> Result<u32, WireError> {
        let w = *self.words.get(self.at).ok_or(WireError::Short)?;
        self.at += 1;
        Ok(w)
    }

    fn wide(&mut self) -> Result<usize, WireError> {
        let low = u64::from(self.word()?);
        let high = u64::from(self.word()?);
        usize::try_from(low | (high << 32)).map_err(|_| WireError::Range("number"))
    }

    /// A count of items still to come: never more than the words left,
    /// so a damaged count cannot ask for a huge allocation.
    fn count(&mut self) -> Result<usize, WireError> {
        let n = self.word()? as usize;
        if n > self.words.len() - self.at {
            return Err(WireError::Short);
        }
        Ok(n)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u32], WireError> {
        let end = self.at.checked_add(n).ok_or(WireError::Short)?;
        let items = self.words.get(self.at..end).ok_or(WireError::Short)?;
        self.at = end;
        Ok(items)
    }

    fn list(&mut self) -> Result<&'a [u32], WireError> {
        let n = self.count()?;
        self.take(n)
    }

    fn text(&mut self, bytes: &[u8]) -> Result<String, WireError> {
        let n = self.word()? as usize;
        let end = self.text_at.checked_add(n).ok_or(WireError::Short)?;
        let slice = bytes.get(self.text_at..end).ok_or(WireError::Short)?;
        self.text_at = end;
        String::from_utf8(slice.to_vec()).map_err(|_| WireError::Text)
    }

    fn problem(&mut self, bytes: &[u8]) -> Result<Problem, WireError> {
        let (tag, number) = (self.word()?, self.word()?);
        let text = self.text(bytes)?;
        Problem::from_parts(tag, number, text).ok_or(WireError::Range("problem"))
    }

    fn error(&mut self, bytes: &[u8]) -> Result<ImportError, WireError> {
        Ok(match self.word()? {
            0 => ImportError::TooLarge {
                size: self.wide()?,
                limit: self.wide()?,
            },
            1 => ImportError::InvalidJson {
                message: self.text(bytes)?,
                line: self.wide()?,
                column: self.wide()?,
            },
            2 => ImportError::TooDeep(self.wide()?),
            3 => ImportError::NotGeoJson(self.problem(bytes)?),
            4 => ImportError::NothingUsable {
                skipped: self.wide()?,
                first: self.problem(bytes)?,
            },
            _ => return Err(WireError::Range("error kind")),
        })
    }

    /// Every list read to its end (`floats`: what is left of them).
    fn end(&self, bytes: &[u8], floats: &[f32]) -> Result<(), WireError> {
        if self.at != self.words.len() || self.text_at != bytes.len() || !floats.is_empty() {
            return Err(WireError::Trailing);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::userdata::loaded::prepare;

    fn roundtrip(text: &str) -> (Outcome, Outcome) {
        let outcome = prepare(text.as_bytes(), &mut |_, _| {});
        let packed = encode(outcome.clone());
        (outcome, decode(packed).expect("its own message reads back"))
    }

    #[test]
    fn loaded_files_come_back_whole() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","properties":{"name":"Ташкент","sector":"energy","n":3},"geometry":{"type":"Point","coordinates":[69.2,41.3]}},
            {"type":"Feature","properties":{"sector":"green"},"geometry":{"type":"MultiPolygon","coordinates":[[[[60,40],[61,40],[61,41],[60,40]],[[60.2,40.1],[60.5,40.1],[60.5,40.3],[60.2,40.1]]]]}},
            {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[70,40],[71,41],[72,40]]}},
            {"type":"Feature","properties":{"name":"bad"},"geometry":{"type":"Point","coordinates":[0,99]}},
            42
        ]}"#;
        let (sent, got) = roundtrip(text);
        let loaded = got.as_ref().expect("loaded");
        assert_eq!(loaded.features.len(), 3);
        assert_eq!(loaded.skipped_count, 2);
        assert_eq!(loaded.overlay.groups().len(), 3);
        assert_eq!(got, sent);
    }

    #[test]
    fn refusals_come_back_with_their_reason() {
        for text in [
            "{\"type\": \n  \"Feature\",,}",
            "[1]",
            r#"{"type":"FeatureCollection","features":[]}"#,
            &format!("{}{}", "[".repeat(40), "]".repeat(40)),
        ] {
            let (sent, got) = roundtrip(text);
            assert!(sent.is_err(), "{text}");
            assert_eq!(got, sent, "{text}");
        }
        let too_large = Err(ImportError::TooLarge {
            size: usize::MAX,
            limit: 64,
        });
        assert_eq!(decode(encode(too_large.clone())), Ok(too_large));
    }

    #[test]
    fn damaged_messages_are_refused_not_misread() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"x","sector":"a"},"geometry":{"type":"LineString","coordinates":[[70,40],[71,41]]}},
            {"type":"Feature","properties":{"name":"y","sector":"b"},"geometry":{"type":"Point","coordinates":[70,40]}}
        ]}"#;
        let packed = encode(prepare(text.as_bytes(), &mut |_, _| {}));
        // Every word changed, every list cut short, one at a time: never a
        // panic; a change either is refused or still reads as some outcome.
        for i in 0..packed.words.len() {
            for value in [0, 1, 2, 3, 5, 1000, u32::MAX] {
                let mut damaged = packed.clone();
                damaged.words[i] = value;
                let _ = decode(damaged);
            }
            let mut short = packed.clone();
            short.words.truncate(i);
            assert!(decode(short).is_err(), "cut at word {i}");
        }
        for i in 0..packed.bytes.len() {
            let mut short = packed.clone();
            short.bytes.truncate(i);
            assert!(decode(short).is_err(), "cut at byte {i}");
        }
        for i in 0..packed.floats.len() {
            let mut short = packed.clone();
            short.floats.truncate(i);
            assert!(decode(short).is_err(), "cut at float {i}");
        }
        let mut other = packed.clone();
        other.words[0] = MAGIC + 1;
        assert_eq!(decode(other), Err(WireError::Version));
        let mut longer = packed;
        longer.words.push(0);
        assert_eq!(decode(longer), Err(WireError::Trailing));
    }
}
