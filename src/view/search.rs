//! Search across the sites: names in English, Chinese and Russian,
//! alternative names (the report's own spellings among them: "Bashi",
//! "Zankerdi"), countries, operators and partners, categories and sectors
//! (countries, categories and sectors in all three languages).
//!
//! Matching ignores case (Cyrillic too), Latin accents, ё, apostrophes and
//! dashes ("xian" finds "Xi'an", "angren pap" finds "Angren–Pop",
//! "душанбе" finds "ТЭЦ «Душанбе-2»"); between two Chinese characters
//! punctuation and spaces are dropped, so "西安阿拉木图" finds
//! "西安—阿拉木图航线". Ranking, best first: a name itself, in any
//! language, then the start of a name, the start of a word in a name, then
//! the same three for alternative names, then any substring of a name
//! (how Chinese, written without spaces, mostly matches), then operators
//! and partners, countries, and category or sector. Ties go to the shorter
//! English name, then alphabetical order.

use crate::i18n::Lang;
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
    /// The English name normalised: the tie-break.
    sort_name: String,
    /// The site's names in every language it has, English first.
    names: Vec<(String, String)>,
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
                sort_name: normalise(&site.name),
                names: std::iter::once(site.name.as_str())
                    .chain(
                        Lang::ALL
                            .into_iter()
                            .filter_map(|lang| site.names.get(lang)),
                    )
                    .map(pair)
                    .collect(),
                alt_names: site.alt_names.iter().map(|a| pair(a)).collect(),
                organisations: site
                    .operator
                    .iter()
                    .chain(&site.partners)
                    .map(String::as_str)
                    .chain(site.company_names.iter().flat_map(|(_, names)| {
                        [Lang::Zh, Lang::Ru]
                            .into_iter()
                            .filter_map(|l| names.get(l))
                    }))
                    .map(pair)
                    .collect(),
                countries: site
                    .countries
                    .iter()
                    .flat_map(|c| Lang::ALL.map(|lang| c.name_in(lang)))
                    .map(pair)
                    .collect(),
                kinds: Lang::ALL
                    .into_iter()
                    .flat_map(|lang| [site.category.label_in(lang), site.sector.label_in(lang)])
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
                    entry.sort_name.len(),
                    entry.sort_name.as_str(),
                ))
            })
            .collect();
        hits.sort_by(|a, b| (a.0.kind, a.1, a.2, a.0.index).cmp(&(b.0.kind, b.1, b.2, b.0.index)));
        hits.into_iter().take(limit).map(|(hit, ..)| hit).collect()
    }
}

impl Entry {
    fn best_match(&self, query: &str) -> Option<(MatchKind, &str)> {
        // Best first: a name in any language is a name.
        let exact: fn(&str, &str) -> bool = |n, q| n == q;
        let prefix: fn(&str, &str) -> bool = |n, q| n.starts_with(q);
        let inside: fn(&str, &str) -> bool = |n, q| n.contains(q);
        let tiers = [
            (&self.names, exact, MatchKind::NameExact),
            (&self.names, prefix, MatchKind::NamePrefix),
            (&self.names, word_starts_with, MatchKind::NameWord),
            (&self.alt_names, exact, MatchKind::AltExact),
            (&self.alt_names, prefix, MatchKind::AltPrefix),
            (&self.alt_names, word_starts_with, MatchKind::AltWord),
            (&self.names, inside, MatchKind::Substring),
            (&self.alt_names, inside, MatchKind::Substring),
        ];
        for (list, test, kind) in tiers {
            if let Some((text, _)) = list.iter().find(|(_, n)| test(n, query)) {
                return Some((kind, text.as_str()));
            }
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

/// Lower case (any script that has case), Latin accents and ё folded,
/// apostrophes dropped, every other run of non-alphanumerics one space —
/// none between two Chinese characters, since Chinese is written without
/// spaces and its dashes are optional in a query — trimmed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ') {
            continue;
        }
        let c = fold(c);
        if c.is_alphanumeric() {
            let joined = is_han(c) && out.chars().next_back().is_some_and(is_han);
            if space && !out.is_empty() && !joined {
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

/// Whether `c` is a Chinese character (the unified ideographs and their
/// extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
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
        // Russian often writes е for ё ("Зеленая"): either finds both.
        'ё' => 'е',
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
    fn normalise_lowers_cyrillic_and_joins_chinese() {
        assert_eq!(normalise("ТЭЦ «Душанбе-2»"), "тэц душанбе 2");
        assert_eq!(normalise("Зелёная ЭНЕРГЕТИКА"), "зеленая энергетика");
        assert_eq!(normalise("西安—阿拉木图航线"), "西安阿拉木图航线");
        assert_eq!(normalise("西安 阿拉木图"), "西安阿拉木图");
        assert_eq!(normalise("纳沃伊100MW光伏电站"), "纳沃伊100mw光伏电站");
        assert_eq!(normalise("中国 Kazakhstan"), "中国 kazakhstan");
    }

    #[test]
    fn word_prefix_skips_the_first_word() {
        assert!(word_starts_with("bash wind farm", "wind"));
        assert!(!word_starts_with("bash wind farm", "bash"));
        assert!(!word_starts_with("bash wind farm", "ind"));
    }
}
