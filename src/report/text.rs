//! The report's text, split into its structure: an introduction, then
//! "I Achievements" (six numbered sections, one per sector) and
//! "II Challenges" (two numbered sections).
//!
//! The text is `assets/report.txt`: the newsletter summary as published, less
//! the reader comment scraped with it and one repeated word. Parsing is plain
//! Rust and total: malformed text gives a `ReportError`, never a panic.

use thiserror::Error;

use crate::model::{ReportPlace, Sector};

/// The report as shipped with the app.
pub const REPORT_TEXT: &str = include_str!("../../assets/report.txt");

/// What can be wrong with a report text.
#[derive(Debug, Error, PartialEq)]
pub enum ReportError {
    #[error("line {line}: section heading `{text}` comes before any part heading (`I …`)")]
    SectionOutsidePart { line: usize, text: String },
    #[error("line {line}: achievements section `{title}` names no sector the atlas knows")]
    UnknownSector { line: usize, title: String },
    #[error("the report has no `{0}` part")]
    MissingPart(&'static str),
    #[error("the achievements part has no section for {0:?}")]
    MissingSector(Sector),
}

/// One numbered section: its number, its heading, and its paragraphs (bullet
/// points are paragraphs too, with the leading dash removed).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub number: u8,
    pub title: String,
    pub paragraphs: Vec<String>,
}

impl Section {
    /// The heading and all paragraphs, for searching quotes.
    pub(crate) fn full_text(&self) -> String {
        let mut text = self.title.clone();
        for paragraph in &self.paragraphs {
            text.push('\n');
            text.push_str(paragraph);
        }
        text
    }
}

/// A part such as "I Achievements".
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub numeral: String,
    pub title: String,
    pub sections: Vec<Section>,
}

/// The parsed report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub intro: Vec<String>,
    pub achievements: Part,
    pub challenges: Part,
}

impl Report {
    /// Parses the report's plain-text layout.
    pub fn parse(text: &str) -> Result<Report, ReportError> {
        let mut intro = Vec::new();
        let mut parts: Vec<Part> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some((numeral, title)) = part_heading(line) {
                parts.push(Part {
                    numeral: numeral.to_owned(),
                    title: title.to_owned(),
                    sections: Vec::new(),
                });
            } else if let Some((number, title)) = section_heading(line) {
                let is_achievements = parts.len() == 1;
                let part = parts
                    .last_mut()
                    .ok_or_else(|| ReportError::SectionOutsidePart {
                        line: index + 1,
                        text: line.to_owned(),
                    })?;
                if is_achievements && Sector::from_report_title(title).is_none() {
                    return Err(ReportError::UnknownSector {
                        line: index + 1,
                        title: title.to_owned(),
                    });
                }
                part.sections.push(Section {
                    number,
                    title: title.to_owned(),
                    paragraphs: Vec::new(),
                });
            } else {
                let paragraph = line
                    .strip_prefix('-')
                    .map_or(line, str::trim_start)
                    .to_owned();
                match parts.last_mut().and_then(|p| p.sections.last_mut()) {
                    Some(section) => section.paragraphs.push(paragraph),
                    None => intro.push(paragraph),
                }
            }
        }
        let mut parts = parts.into_iter();
        let achievements = parts
            .next()
            .ok_or(ReportError::MissingPart("I Achievements"))?;
        let challenges = parts
            .next()
            .ok_or(ReportError::MissingPart("II Challenges"))?;
        let report = Report {
            intro,
            achievements,
            challenges,
        };
        for &sector in Sector::ALL {
            if report.achievement(sector).is_none() {
                return Err(ReportError::MissingSector(sector));
            }
        }
        Ok(report)
    }

    /// The achievements section of `sector`.
    pub fn achievement(&self, sector: Sector) -> Option<&Section> {
        self.achievements
            .sections
            .iter()
            .find(|s| Sector::from_report_title(&s.title) == Some(sector))
    }

    /// The text of a place in the report.
    pub(crate) fn text_of(&self, place: ReportPlace) -> Option<String> {
        match place {
            ReportPlace::Intro => Some(self.intro.join("\n")),
            ReportPlace::Achievement(sector) => self.achievement(sector).map(Section::full_text),
        }
    }

    /// Whether `quote` occurs verbatim at `place`.
    pub fn quotes(&self, place: ReportPlace, quote: &str) -> bool {
        !quote.trim().is_empty() && self.text_of(place).is_some_and(|t| t.contains(quote))
    }
}

/// "I Achievements" → ("I", "Achievements").
fn part_heading(line: &str) -> Option<(&str, &str)> {
    let (numeral, title) = line.split_once(' ')?;
    let is_numeral = !numeral.is_empty() && numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    (is_numeral && title.chars().next().is_some_and(char::is_uppercase)).then_some((numeral, title))
}

/// "2. Connectivity" or "1 Against the backdrop …" → (number, title).
/// A line starting with a year ("2024 …") is not a heading: section numbers
/// are one or two digits.
fn section_heading(line: &str) -> Option<(u8, &str)> {
    let digits_end = line.find(|c: char| !c.is_ascii_digit())?;
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let number: u8 = line[..digits_end].parse().ok()?;
    let rest = &line[digits_end..];
    let title = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(' '))?;
    Some((number, title.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report::parse(REPORT_TEXT).expect("the shipped report parses")
    }

    #[test]
    fn shipped_report_has_intro_six_achievements_and_two_challenges() {
        let r = report();
        assert_eq!(r.intro.len(), 4);
        assert!(r.intro[0].starts_with("Xinhua’s think tank arm"));
        assert_eq!(r.achievements.numeral, "I");
        assert_eq!(r.achievements.title, "Achievements");
        let titles: Vec<&str> = r
            .achievements
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Trade",
                "Connectivity",
                "Energy",
                "Green",
                "Development",
                "Security"
            ]
        );
        assert_eq!(r.challenges.title, "Challenges");
        assert_eq!(r.challenges.sections.len(), 2);
        assert_eq!(
            r.challenges.sections[0].paragraphs.len(),
            3,
            "three bullets"
        );
        assert!(
            r.challenges.sections[1]
                .title
                .starts_with("Non-traditional security risks")
        );
    }

    #[test]
    fn the_reader_comment_and_the_repeated_word_are_gone() {
        assert!(!REPORT_TEXT.contains("Philippines"));
        assert!(!REPORT_TEXT.contains("mechanism. In\n"));
        let security = report()
            .achievement(Sector::Security)
            .expect("security")
            .full_text();
        assert!(security.contains("joint action mechanism.\nIn September of the same year"));
    }

    #[test]
    fn quotes_are_checked_in_their_own_section_only() {
        let r = report();
        let quote = "the Zhanatas wind farm in Kazakhstan";
        assert!(r.quotes(ReportPlace::Achievement(Sector::Green), quote));
        assert!(!r.quotes(ReportPlace::Achievement(Sector::Energy), quote));
        assert!(r.quotes(ReportPlace::Intro, "the second China-Central Asia summit"));
        assert!(!r.quotes(ReportPlace::Intro, ""));
    }

    #[test]
    fn year_lines_are_paragraphs_not_headings() {
        assert_eq!(section_heading("2024 was a year"), None);
        assert_eq!(
            section_heading("2. Connectivity"),
            Some((2, "Connectivity"))
        );
        assert_eq!(section_heading("1 Against it"), Some((1, "Against it")));
    }

    #[test]
    fn malformed_reports_give_errors() {
        assert_eq!(
            Report::parse("intro\n1. Trade\n"),
            Err(ReportError::SectionOutsidePart {
                line: 2,
                text: "1. Trade".into()
            })
        );
        assert_eq!(
            Report::parse("just text"),
            Err(ReportError::MissingPart("I Achievements"))
        );
        let odd = "I Achievements\n1. Fishing\nx\nII Challenges\n1 y\n";
        assert_eq!(
            Report::parse(odd),
            Err(ReportError::UnknownSector {
                line: 2,
                title: "Fishing".into()
            })
        );
    }
}
