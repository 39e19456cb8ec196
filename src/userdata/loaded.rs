//! An import's usable result, as the map and the panel take it: the
//! features' text packed (`table`), their geometry projected (`overlay`),
//! and the skipped ones with reasons. The same whichever thread made it:
//! the import worker (`prepare`, sent over by `wire`) or, when no worker
//! can start, the page itself a slice at a time. Plain Rust.

use crate::userdata::import::{CHECK_SLICE, Import, ImportError, Importer, Skipped};
use crate::userdata::overlay::Overlay;
use crate::userdata::table::FeatureTable;

/// The usable part of a file, ready to draw and to list.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub features: FeatureTable,
    pub overlay: Overlay,
    /// The first `import::MAX_LISTED_SKIPS` skipped features.
    pub skipped: Vec<Skipped>,
    /// How many were skipped in all.
    pub skipped_count: usize,
}

impl Loaded {
    /// Packs and projects a checked file's features.
    pub fn new(import: Import) -> Loaded {
        Loaded {
            overlay: Overlay::new(&import.features),
            features: FeatureTable::from_features(&import.features),
            skipped: import.skipped,
            skipped_count: import.skipped_count,
        }
    }
}

/// What an import comes to: the usable features, or why the file was
/// refused as a whole.
pub type Outcome = Result<Loaded, ImportError>;

/// The whole import of `bytes` in one go, as the import worker runs it:
/// checked a slice of `import::CHECK_SLICE` features at a time, with
/// `progress(done, total)` after each slice but the last.
pub fn prepare(bytes: &[u8], progress: &mut dyn FnMut(usize, usize)) -> Outcome {
    let mut importer = Importer::start(bytes)?;
    let total = importer.total();
    while !importer.step(CHECK_SLICE) {
        progress(importer.done(), total);
    }
    importer.finish().map(Loaded::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_told_after_each_slice_but_the_last() {
        let one = r#"{"type":"Feature","properties":{"name":"p"},"geometry":{"type":"Point","coordinates":[70,40]}}"#;
        let count = 2 * CHECK_SLICE + 1;
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            vec![one; count].join(",")
        );
        let mut told = Vec::new();
        let loaded =
            prepare(text.as_bytes(), &mut |done, total| told.push((done, total))).expect("valid");
        assert_eq!(told, [(CHECK_SLICE, count), (2 * CHECK_SLICE, count)]);
        assert_eq!(loaded.features.len(), count);
        assert_eq!(loaded.overlay.len(), count);
        assert_eq!(
            prepare(b"[1]", &mut |_, _| {}).err().map(|e| e.to_string()),
            Some("this is JSON but not GeoJSON: the top level is an array, not an object".into())
        );
    }
}
