//! The report as the side panel reads it: sections of paragraphs of
//! sentences, each sentence knowing which sites it cites (their quote lies
//! in it) and which of its words name a site (mentions, turned into
//! buttons). Plain Rust, built once from the parsed `Report` and the sites.

use super::text::{Report, Section};
use crate::model::{ReportPlace, Sector, Site};

/// The day the report was released: the text says only "on Sunday"; the
/// date is Xinhua's (Portuguese service, dateline "Astana, 22 jun", "no
/// domingo") and People's Daily Online's (24 June 2025: "On Sunday").
pub const RELEASE_DATE: (u16, u8, u8) = (2025, 6, 22);

/// Where `RELEASE_DATE` comes from.
pub(crate) const RELEASE_DATE_SOURCE: (&str, &str) = (
    "People's Daily Online, 24 June 2025: Xinhua think tank report elaborates on China-Central Asia Spirit",
    "http://en.people.cn/n3/2025/0624/c90000-20331605.html",
);

/// The English weekday of a Gregorian date (Zeller's congruence).
pub fn weekday(year: u16, month: u8, day: u8) -> &'static str {
    crate::i18n::format::weekday(crate::i18n::Lang::En, year, month, day)
}

/// Which part of the report a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Intro,
    Achievement(Sector),
    Challenge,
}

/// A run of a sentence: plain text, or words that refer to sites.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    Mention { text: String, sites: Vec<usize> },
}

/// One sentence. `id` is stable and safe in HTML (`trade-p1-s2`).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub id: String,
    pub text: String,
    pub segments: Vec<Segment>,
    /// Sites (indices into the slice given to `Story::build`) whose report
    /// quote overlaps this sentence.
    pub cites: Vec<usize>,
}

/// A section of the report with its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySection {
    /// `intro`, `trade`, …, `challenge-1`: stable, safe in HTML.
    pub id: String,
    pub kind: SectionKind,
    pub number: Option<u8>,
    pub heading: String,
    pub paragraphs: Vec<Vec<Sentence>>,
}

/// The whole report, ready to display.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The report's title, as the introduction gives it.
    pub title: Option<String>,
    /// Who released it, as the introduction's first sentence says.
    pub publisher: Option<String>,
    /// The weekday the introduction says it was released on ("Sunday").
    pub released_on: Option<String>,
    pub intro: StorySection,
    pub achievements: Vec<StorySection>,
    pub challenges: Vec<StorySection>,
}

impl Story {
    pub fn build(report: &Report, sites: &[Site]) -> Story {
        let intro = build_section(
            "intro".to_owned(),
            SectionKind::Intro,
            None,
            "Introduction".to_owned(),
            &report.intro,
            sites,
        );
        let achievements = report
            .achievements
            .sections
            .iter()
            .filter_map(|section| {
                let sector = Sector::from_report_title(&section.title)?;
                Some(from_section(
                    sector.as_str().to_owned(),
                    SectionKind::Achievement(sector),
                    section,
                    sites,
                ))
            })
            .collect();
        let challenges = report
            .challenges
            .sections
            .iter()
            .map(|section| {
                from_section(
                    format!("challenge-{}", section.number),
                    SectionKind::Challenge,
                    section,
                    sites,
                )
            })
            .collect();
        let first = report.intro.first().map(String::as_str).unwrap_or("");
        Story {
            title: report
                .intro
                .iter()
                .find_map(|p| between(p, "The title of the report is ", ", and the full text")),
            publisher: publisher(first),
            released_on: between(first, "released a report on ", " ")
                .or_else(|| between(first, "released a report on ", ",")),
            intro,
            achievements,
            challenges,
        }
    }

    /// Every section in reading order.
    pub(crate) fn sections(&self) -> impl Iterator<Item = &StorySection> {
        std::iter::once(&self.intro)
            .chain(&self.achievements)
            .chain(&self.challenges)
    }

    /// Every sentence in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sections().flat_map(|s| s.paragraphs.iter().flatten())
    }

    /// The sentences that cite site `index`, in reading order.
    pub fn citing(&self, index: usize) -> Vec<&Sentence> {
        self.sentences()
            .filter(|s| s.cites.contains(&index))
            .collect()
    }

    /// The section holding sentence `id`.
    pub fn section_of(&self, id: &str) -> Option<&StorySection> {
        self.sections()
            .find(|s| s.paragraphs.iter().flatten().any(|x| x.id == id))
    }
}

/// The publisher in "…, the Xinhua Institute, released a report …".
fn publisher(sentence: &str) -> Option<String> {
    let end = sentence.find(", released a report")?;
    let head = &sentence[..end];
    let start = head.rfind(", the ").map(|i| i + ", the ".len())?;
    Some(head[start..].to_owned())
}

/// The text between `start` and the next `end`.
fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_owned()).filter(|s| !s.is_empty())
}

fn from_section(id: String, kind: SectionKind, section: &Section, sites: &[Site]) -> StorySection {
    build_section(
        id,
        kind,
        Some(section.number),
        section.title.clone(),
        &section.paragraphs,
        sites,
    )
}

fn build_section(
    id: String,
    kind: SectionKind,
    number: Option<u8>,
    heading: String,
    paragraphs: &[String],
    sites: &[Site],
) -> StorySection {
    let place = match kind {
        SectionKind::Intro => Some(ReportPlace::Intro),
        SectionKind::Achievement(sector) => Some(ReportPlace::Achievement(sector)),
        SectionKind::Challenge => None,
    };
    // Sites that belong to this section, with the phrases that name them.
    let here: Vec<(usize, &Site)> = sites
        .iter()
        .enumerate()
        .filter(|(_, s)| Some(s.report_place) == place)
        .collect();
    let paragraphs = paragraphs
        .iter()
        .enumerate()
        .map(|(p, paragraph)| {
            let quotes: Vec<(usize, std::ops::Range<usize>)> = here
                .iter()
                .filter_map(|(i, site)| {
                    let start = paragraph.find(site.report_quote.as_str())?;
                    Some((*i, start..start + site.report_quote.len()))
                })
                .collect();
            split_sentences(paragraph)
                .into_iter()
                .enumerate()
                .map(|(s, range)| {
                    let text = paragraph[range.clone()].to_owned();
                    let cites = quotes
                        .iter()
                        .filter(|(_, q)| q.start < range.end && range.start < q.end)
                        .map(|(i, _)| *i)
                        .collect();
                    Sentence {
                        id: format!("{id}-p{}-s{}", p + 1, s + 1),
                        segments: mentions(&text, &here),
                        text,
                        cites,
                    }
                })
                .collect()
        })
        .collect();
    StorySection {
        id,
        kind,
        number,
        heading,
        paragraphs,
    }
}

/// Splits `text` into the phrases that name `sites` and the text between.
/// Names, alternative names and report mentions are matched verbatim;
/// where phrases overlap the longest wins, and a phrase naming several
/// sites (an air link's "Xi'an with 7 cities") refers to all of them.
fn mentions(text: &str, sites: &[(usize, &Site)]) -> Vec<Segment> {
    let mut found: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (index, site) in sites {
        let phrases = std::iter::once(&site.name)
            .chain(&site.alt_names)
            .chain(&site.report_mentions);
        for phrase in phrases.filter(|p| !p.is_empty()) {
            for (start, _) in text.match_indices(phrase.as_str()) {
                found.push((start..start + phrase.len(), *index));
            }
        }
    }
    // Longest first, then leftmost; keep those not overlapping a kept one.
    found.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
    let mut kept: Vec<(std::ops::Range<usize>, Vec<usize>)> = Vec::new();
    for (range, site) in found {
        if let Some((_, sites)) = kept.iter_mut().find(|(r, _)| *r == range) {
            if !sites.contains(&site) {
                sites.push(site);
            }
        } else if !kept
            .iter()
            .any(|(r, _)| r.start < range.end && range.start < r.end)
        {
            kept.push((range, vec![site]));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    let mut segments = Vec::new();
    let mut at = 0;
    for (range, mut sites) in kept {
        if range.start > at {
            segments.push(Segment::Text(text[at..range.start].to_owned()));
        }
        sites.sort_unstable();
        segments.push(Segment::Mention {
            text: text[range.clone()].to_owned(),
            sites,
        });
        at = range.end;
    }
    if at < text.len() {
        segments.push(Segment::Text(text[at..].to_owned()));
    }
    segments
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 6] = ["U.S", "No", "Co", "Ltd", "Mr", "Dr"];

/// The byte ranges of the sentences of `text`, trimmed. A sentence ends at
/// `.`, `!` or `?` (and any closing quote) followed by a space and an
/// upper-case letter or an opening quote, unless the word before the stop
/// is a known abbreviation.
pub fn split_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing quotes after the stop.
        let mut j = k + 1;
        while chars
            .get(j)
            .is_some_and(|(_, q)| matches!(q, '"' | '”' | '’' | ')'))
        {
            j += 1;
        }
        let Some(&(space_at, space)) = chars.get(j) else {
            continue;
        };
        let next = chars.get(j + 1).map(|(_, n)| *n);
        let starts_sentence =
            next.is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '“' | '‘'));
        if !space.is_whitespace() || !starts_sentence {
            continue;
        }
        // The word before the stop starts after the last space or '(',
        // which may be more than one byte (a no-break space is two).
        let word_start = text[..i]
            .char_indices()
            .rfind(|&(_, w)| w.is_whitespace() || w == '(')
            .map_or(0, |(p, w)| p + w.len_utf8());
        if ABBREVIATIONS.contains(&&text[word_start..i]) {
            continue;
        }
        push_trimmed(text, start..space_at, &mut ranges);
        start = space_at;
    }
    push_trimmed(text, start..text.len(), &mut ranges);
    ranges
}

fn push_trimmed(text: &str, range: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_at_abbreviations() {
        assert_eq!(
            split("It rose to 94.8 billion U.S. dollars. Trade grew. \"Quoted\" too."),
            [
                "It rose to 94.8 billion U.S. dollars.",
                "Trade grew.",
                "\"Quoted\" too."
            ]
        );
        assert_eq!(
            split("Power Grid Co., Ltd. participated. The Dushanbe No. 2 plant runs."),
            [
                "Power Grid Co., Ltd. participated.",
                "The Dushanbe No. 2 plant runs."
            ]
        );
        assert_eq!(split("No stop at the end"), ["No stop at the end"]);
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(split("A U.S. Firm came. B."), ["A U.S. Firm came.", "B."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence_and_whitespace_is_trimmed() {
        assert_eq!(
            split("He said \"go.\" Then left. It was \"done.”) Next."),
            ["He said \"go.\"", "Then left.", "It was \"done.”)", "Next."]
        );
        // A stop followed by a lower-case word, or by no space, ends nothing.
        assert_eq!(split("See p. five. Next."), ["See p. five.", "Next."]);
        assert_eq!(split("Version 2.Then on."), ["Version 2.Then on."]);
        assert_eq!(split("     Wide.     "), ["Wide."]);
        assert_eq!(split("Go. Stop.   "), ["Go.", "Stop."]);
        assert_eq!(split(""), Vec::<&str>::new());
    }

    #[test]
    fn weekdays_and_date_lines() {
        assert_eq!(weekday(2025, 6, 17), "Tuesday", "the Astana summit");
        assert_eq!(weekday(2000, 1, 1), "Saturday");
        assert_eq!(weekday(2024, 2, 29), "Thursday");
        // March is the first month Zeller's congruence counts in its own
        // year; January and February belong to the year before.
        assert_eq!(weekday(2000, 3, 1), "Wednesday");
        assert_eq!(weekday(2024, 3, 1), "Friday");
        assert_eq!(weekday(2023, 3, 31), "Friday");
        assert_eq!(weekday(2100, 3, 1), "Monday", "2100 is not a leap year");
        assert_eq!(weekday(2025, 1, 1), "Wednesday");
        assert_eq!(weekday(1990, 12, 31), "Monday");
        let (year, month, day) = RELEASE_DATE;
        assert_eq!(
            crate::i18n::format::date_with_weekday(crate::i18n::Lang::En, year, month, day),
            "Sunday 22 June 2025"
        );
    }

    /// A site of the introduction named `name` whose quote is `quote`
    /// (a shipped site with those fields replaced).
    #[cfg(not(target_arch = "wasm32"))]
    fn intro_site(name: &str, quote: &str) -> Site {
        let mut site = crate::model::load_catalog()
            .expect("the data loads")
            .swap_remove(0);
        site.name = name.to_owned();
        site.alt_names = Vec::new();
        site.report_mentions = Vec::new();
        site.report_quote = quote.to_owned();
        site.report_place = ReportPlace::Intro;
        site
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn cited_sentences(paragraph: &str, quote: &str) -> Vec<String> {
        let section = build_section(
            "intro".to_owned(),
            SectionKind::Intro,
            None,
            "Introduction".to_owned(),
            &[paragraph.to_owned()],
            &[intro_site("Nowhere", quote)],
        );
        section.paragraphs[0]
            .iter()
            .filter(|s| s.cites == [0])
            .map(|s| s.text.clone())
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_quote_cites_exactly_the_sentences_it_shares_text_with() {
        let p = "First one. Second one. Third one.";
        assert_eq!(
            cited_sentences(p, "one. Second"),
            ["First one.", "Second one."]
        );
        assert_eq!(cited_sentences(p, "Third"), ["Third one."]);
        // The space between two sentences belongs to neither.
        assert_eq!(cited_sentences(p, "First one. "), ["First one."]);
        assert_eq!(cited_sentences(p, " Second one."), ["Second one."]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn mentions_split_a_sentence_without_empty_runs() {
        let alpha = intro_site("Alpha", "x");
        let beta = intro_site("Beta", "x");
        let sites = [(0, &alpha), (1, &beta)];
        let mention = |text: &str, site: usize| Segment::Mention {
            text: text.to_owned(),
            sites: vec![site],
        };
        assert_eq!(
            mentions("Alpha and Beta", &sites),
            [
                mention("Alpha", 0),
                Segment::Text(" and ".to_owned()),
                mention("Beta", 1)
            ]
        );
        // Touching is not overlapping: both names are mentions.
        assert_eq!(
            mentions("AlphaBeta.", &sites),
            [
                mention("Alpha", 0),
                mention("Beta", 1),
                Segment::Text(".".to_owned())
            ]
        );
        assert_eq!(
            mentions("BetaAlpha", &sites),
            [mention("Beta", 1), mention("Alpha", 0)]
        );
    }

    #[test]
    fn between_and_publisher_read_the_intro() {
        let s = "Xinhua’s think tank arm, the Xinhua Institute, released a report on Sunday outlining it.";
        assert_eq!(publisher(s).as_deref(), Some("Xinhua Institute"));
        assert_eq!(
            between(s, "released a report on ", " ").as_deref(),
            Some("Sunday")
        );
        assert_eq!(between(s, "missing", " "), None);
    }
}
