//! Search across the sites: names, alternative names (the report's own
//! spellings among them: "Bashi", "Zankerdi"), countries, operators and
//! partners, categories and sectors.
//!
//! Matching ignores case, accents, apostrophes and dashes ("xian" finds
//! "Xi'an", "angren pap" finds "Angren–Pop"). Ranking, best first:
//! the name itself, then the start of the name, the start of a word in the
//! name, then the same three for alternative names, then any substring of a
//! name, then operators and partners, countries, and category or sector.
//! Ties go to the shorter name, then alphabetical order.

use crate::model::Site;

/// Where a query matched; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    NameExact,
    NamePrefix,
    NameWord,
    AltExact,
    AltPrefix,
    AltWord,
    Substring,
    Organisation,
    Country,
    Kind,
}

/// One result: the site's index in the slice searched, how it matched and
/// the text that matched (shown to the user when it is not the name).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub kind: MatchKind,
    pub matched: String,
}

/// The searchable text of every site, normalised once.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

struct Entry {
    name: (String, String),
    alt_names: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    countries: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
}

/// A text and its normalised form.
fn pair(text: &str) -> (String, String) {
    (text.to_owned(), normalise(text))
}

impl SearchIndex {
    pub fn new(sites: &[Site]) -> SearchIndex {
        let entries = sites
            .iter()
            .map(|site| Entry {
                name: pair(&site.name),
                alt_names: site.alt_names.iter().map(|a| pair(a)).collect(),
                organisations: site
                    .operator
                    .iter()
                    .chain(&site.partners)
                    .map(|o| pair(o))
                    .collect(),
                countries: site.countries.iter().map(|c| pair(c.name())).collect(),
                kinds: [site.category.label(), site.sector.label()]
                    .into_iter()
                    .map(pair)
                    .collect(),
            })
            .collect();
        SearchIndex { entries }
    }

    /// The best `limit` hits for `query`, best first; nothing for a query
    /// with no letters or digits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = normalise(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(Hit, usize, &str)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let (kind, matched) = entry.best_match(&query)?;
                Some((
                    Hit {
                        index,
                        kind,
                        matched: matched.to_owned(),
                    },
                    entry.name.1.len(),
                    entry.name.1.as_str(),
                ))
            })
            .collect();
        hits.sort_by(|a, b| (a.0.kind, a.1, a.2, a.0.index).cmp(&(b.0.kind, b.1, b.2, b.0.index)));
        hits.into_iter().take(limit).map(|(hit, ..)| hit).collect()
    }
}

impl Entry {
    fn best_match(&self, query: &str) -> Option<(MatchKind, &str)> {
        let (name, norm) = (&self.name.0, &self.name.1);
        if norm == query {
            return Some((MatchKind::NameExact, name));
        }
        if norm.starts_with(query) {
            return Some((MatchKind::NamePrefix, name));
        }
        if word_starts_with(norm, query) {
            return Some((MatchKind::NameWord, name));
        }
        let alt = |test: fn(&str, &str) -> bool| {
            self.alt_names
                .iter()
                .find(|(_, n)| test(n, query))
                .map(|(text, _)| text.as_str())
        };
        if let Some(text) = alt(|n, q| n == q) {
            return Some((MatchKind::AltExact, text));
        }
        if let Some(text) = alt(|n, q| n.starts_with(q)) {
            return Some((MatchKind::AltPrefix, text));
        }
        if let Some(text) = alt(word_starts_with) {
            return Some((MatchKind::AltWord, text));
        }
        if norm.contains(query) {
            return Some((MatchKind::Substring, name));
        }
        if let Some(text) = alt(|n, q| n.contains(q)) {
            return Some((MatchKind::Substring, text));
        }
        find_in(&self.organisations, query)
            .map(|t| (MatchKind::Organisation, t))
            .or_else(|| find_in(&self.countries, query).map(|t| (MatchKind::Country, t)))
            .or_else(|| find_in(&self.kinds, query).map(|t| (MatchKind::Kind, t)))
    }
}

/// The first text of `list` that starts with `query` or has a word that does.
fn find_in<'a>(list: &'a [(String, String)], query: &str) -> Option<&'a str> {
    list.iter()
        .find(|(_, n)| n.starts_with(query) || word_starts_with(n, query))
        .map(|(text, _)| text.as_str())
}

/// Whether some word of `text` (after the first) starts with `query`.
fn word_starts_with(text: &str, query: &str) -> bool {
    text.match_indices(' ')
        .any(|(i, _)| text[i + 1..].starts_with(query))
}

/// Lower case, Latin accents folded, apostrophes dropped, every other run of
/// non-alphanumerics one space, trimmed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ') {
            continue;
        }
        let c = fold(c);
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// Folds the accented Latin letters found in Central Asian romanisations.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'ç' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ə' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
        'ñ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
        'ş' | 'š' => 's',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_case_accents_and_punctuation() {
        assert_eq!(normalise("Xi’an–Almaty"), "xian almaty");
        assert_eq!(normalise("  Türkmenbaşy  "), "turkmenbasy");
        assert_eq!(normalise("\"Angren-Pap\" tunnel"), "angren pap tunnel");
        assert_eq!(normalise("!!!"), "");
    }

    #[test]
    fn word_prefix_skips_the_first_word() {
        assert!(word_starts_with("bash wind farm", "wind"));
        assert!(!word_starts_with("bash wind farm", "bash"));
        assert!(!word_starts_with("bash wind farm", "ind"));
    }
}
