//! The interface's languages: English, simplified Chinese and Russian.
//! Which one a reader gets (`choose`: the link's `lang=`, else the
//! browser's languages, else English), and how numbers, quantities and
//! dates are written in each (`format`). Plain Rust, tested natively; the
//! lowest level, usable from every other.

pub mod format;
pub mod text;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::Ru];

    /// The code in a link (`lang=zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    /// The value of `<html lang>`: the Chinese is simplified.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
            Lang::Ru => "ru",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
            Lang::Ru => "Русский",
        }
    }

    /// Reads a language tag by its primary subtag, ignoring case:
    /// "zh", "zh-CN", "ZH-hans-SG", "ru-RU", "en-GB". A reader of
    /// traditional Chinese gets the simplified interface: closer than
    /// English.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }
}

/// The reader's language: the link's `lang=` when it names one of ours,
/// else the first of the browser's languages (`navigator.languages`, in
/// the reader's order) that is one of ours, else English.
pub fn choose(link: Option<&str>, browser: &[String]) -> Lang {
    link.and_then(Lang::parse)
        .or_else(|| browser.iter().find_map(|tag| Lang::parse(tag)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tags_are_read_by_their_primary_subtag() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("ZH-hant-TW"), Some(Lang::Zh));
        assert_eq!(Lang::parse("ru_RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse(" ru "), Some(Lang::Ru));
        for other in ["", "kk", "uz-Latn", "zhx", "<script>"] {
            assert_eq!(Lang::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn the_link_wins_then_the_browser_then_english() {
        assert_eq!(choose(Some("ru"), &tags(&["zh-CN"])), Lang::Ru);
        assert_eq!(
            choose(Some("xx"), &tags(&["kk-KZ", "ru-RU", "en"])),
            Lang::Ru
        );
        assert_eq!(choose(None, &tags(&["uz", "zh-Hans"])), Lang::Zh);
        assert_eq!(choose(None, &tags(&["de", "fr"])), Lang::En);
        assert_eq!(choose(None, &[]), Lang::En);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(Lang::parse(lang.html_lang()), Some(lang));
        }
    }
}
