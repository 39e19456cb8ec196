//! The imported features' text — ids and properties — packed: one string
//! holding every piece and a table of where each ends, instead of a
//! `String` per key and value. 100,000 features with a handful of
//! properties each are a million small strings; packed, they are a few
//! allocations that a worker can send whole (`wire`) and the page can take
//! with one copy. Plain Rust.

use thiserror::Error;

use crate::userdata::import::ImportedFeature;

/// Per feature, in file order: its id (if any) and its properties (key and
/// value as text, as `import` reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeatureTable {
    /// Every piece of text, one after the other.
    text: String,
    /// Where each piece ends in `text`.
    ends: Vec<u32>,
    /// Per feature, then one more: the index of its first piece. A
    /// feature's pieces are its id (when `has_id`), then key, value, key,
    /// value, …
    starts: Vec<u32>,
    has_id: Vec<bool>,
}

/// Tables that do not fit together (`FeatureTable::from_raw`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the feature table's {0} do not fit together")]
pub struct Inconsistent(&'static str);

/// A `FeatureTable` as flat lists, to be sent whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawTable {
    pub text: String,
    pub ends: Vec<u32>,
    pub starts: Vec<u32>,
    pub has_id: Vec<bool>,
}

impl FeatureTable {
    /// An empty table.
    pub fn new() -> FeatureTable {
        FeatureTable {
            starts: vec![0],
            ..FeatureTable::default()
        }
    }

    /// The table of `features`.
    pub fn from_features(features: &[ImportedFeature]) -> FeatureTable {
        let mut table = FeatureTable::new();
        for feature in features {
            table.push(
                feature.id.as_deref(),
                feature
                    .properties
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            );
        }
        table
    }

    /// Adds a feature.
    pub fn push<'a>(
        &mut self,
        id: Option<&str>,
        properties: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        if let Some(id) = id {
            self.piece(id);
        }
        for (key, value) in properties {
            self.piece(key);
            self.piece(value);
        }
        self.has_id.push(id.is_some());
        self.starts.push(self.ends.len() as u32);
    }

    fn piece(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
    }

    /// How many features it holds.
    pub fn len(&self) -> usize {
        self.has_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.has_id.is_empty()
    }

    /// Piece `index`.
    fn get(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.ends.get(index).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// The range of feature `index`'s pieces, without its id.
    fn property_pieces(&self, index: usize) -> std::ops::Range<usize> {
        let (Some(&start), Some(&end)) = (self.starts.get(index), self.starts.get(index + 1))
        else {
            return 0..0;
        };
        let skip = usize::from(self.has_id.get(index).copied().unwrap_or(false));
        (start as usize + skip).min(end as usize)..end as usize
    }

    /// Feature `index`'s id, if it has one.
    pub fn id(&self, index: usize) -> Option<&str> {
        if !self.has_id.get(index).copied().unwrap_or(false) {
            return None;
        }
        let start = *self.starts.get(index)? as usize;
        Some(self.get(start))
    }

    /// Feature `index`'s properties, as key and value, in file order.
    pub fn properties(&self, index: usize) -> impl Iterator<Item = (&str, &str)> + '_ {
        let pieces = self.property_pieces(index);
        pieces
            .step_by(2)
            .map(move |k| (self.get(k), self.get(k + 1)))
    }

    /// Feature `index`'s property `key`.
    pub fn property(&self, index: usize, key: &str) -> Option<&str> {
        self.properties(index)
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// A name to show: the `name` or `title` property, else the id, else
    /// "Feature n" (as `ImportedFeature::label`).
    pub fn label(&self, index: usize) -> String {
        ["name", "title", "Name", "NAME"]
            .iter()
            .find_map(|key| {
                self.properties(index)
                    .find(|(k, v)| k == key && !v.trim().is_empty())
                    .map(|(_, v)| v.to_owned())
            })
            .or_else(|| self.id(index).map(str::to_owned))
            .unwrap_or_else(|| format!("Feature {}", index + 1))
    }

    /// The table as flat lists.
    pub fn into_raw(self) -> RawTable {
        RawTable {
            text: self.text,
            ends: self.ends,
            starts: self.starts,
            has_id: self.has_id,
        }
    }

    /// A table from `into_raw`'s lists; refuses lists that do not fit
    /// together (a piece out of the text or inside a character, a feature
    /// with half a property).
    pub fn from_raw(raw: RawTable) -> Result<FeatureTable, Inconsistent> {
        let RawTable {
            text,
            ends,
            starts,
            has_id,
        } = raw;
        let mut last = 0u32;
        for &end in &ends {
            if end < last || !text.is_char_boundary(end as usize) {
                return Err(Inconsistent("pieces"));
            }
            last = end;
        }
        if starts.len() != has_id.len() + 1 || starts.first() != Some(&0) {
            return Err(Inconsistent("features"));
        }
        for (pair, id) in starts.windows(2).zip(&has_id) {
            let count = pair[1]
                .checked_sub(pair[0])
                .and_then(|n| n.checked_sub(u32::from(*id)))
                .ok_or(Inconsistent("features"))?;
            if count % 2 != 0 {
                return Err(Inconsistent("features"));
            }
        }
        if starts.last().copied().unwrap_or(0) as usize != ends.len() {
            return Err(Inconsistent("features"));
        }
        Ok(FeatureTable {
            text,
            ends,
            starts,
            has_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_come_back_as_they_went_in() {
        let mut table = FeatureTable::new();
        table.push(Some("a-1"), [("name", "Ал"), ("n", "3")]);
        table.push(None, []);
        table.push(None, [("title", "T"), ("", "")]);
        assert_eq!(table.len(), 3);
        assert_eq!(table.id(0), Some("a-1"));
        assert_eq!(
            table.properties(0).collect::<Vec<_>>(),
            [("name", "Ал"), ("n", "3")]
        );
        assert_eq!(table.id(1), None);
        assert_eq!(table.properties(1).count(), 0);
        assert_eq!(table.label(1), "Feature 2");
        assert_eq!(table.label(2), "T");
        assert_eq!(table.property(2, ""), Some(""));
        assert_eq!(table.properties(7).count(), 0, "out of range: nothing");
        assert_eq!(table.id(7), None);
        let back = FeatureTable::from_raw(table.clone().into_raw());
        assert_eq!(back, Ok(table));
    }

    #[test]
    fn a_blank_name_falls_back_to_the_id() {
        let import = crate::userdata::import::import_geojson(
            r#"{"type":"Feature","id":7,"properties":{"name":" ","n":3},"geometry":{"type":"Point","coordinates":[1,2]}}"#,
        )
        .expect("valid");
        let table = FeatureTable::from_features(&import.features);
        assert_eq!(table.label(0), "7");
        assert_eq!(table.property(0, "n"), Some("3"));
    }

    #[test]
    fn tables_that_do_not_fit_are_refused() {
        let mut table = FeatureTable::new();
        table.push(Some("x"), [("name", "Ал")]);
        let raw = table.into_raw();
        // A piece ending inside the Cyrillic letter.
        let mut inside = raw.clone();
        if let Some(end) = inside.ends.last_mut() {
            *end -= 1;
        }
        assert!(FeatureTable::from_raw(inside).is_err());
        // Half a property.
        let mut half = raw.clone();
        half.has_id[0] = false;
        assert!(FeatureTable::from_raw(half).is_err());
        let mut short = raw.clone();
        short.starts.pop();
        assert!(FeatureTable::from_raw(short).is_err());
        let mut past = raw;
        past.ends.push(1000);
        assert!(FeatureTable::from_raw(past).is_err());
    }
}
