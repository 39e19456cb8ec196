//! The text code on any text: sentence splitting, the report's parse, the
//! story and its figures, search and link checks never panic on arbitrary
//! Unicode (no-break and other multi-byte spaces, combining marks, scripts
//! without case), and what they return stays on character boundaries.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use cca_atlas::model::Site;
use cca_atlas::model::load_catalog;
use cca_atlas::report::figures::{figures, quantities, trade_change};
use cca_atlas::report::story::{Segment, Story, split_sentences};
use cca_atlas::report::{REPORT_TEXT, Report};
use cca_atlas::view::details::is_web_link;
use cca_atlas::view::search::{SearchIndex, normalise};
use proptest::prelude::*;
use std::sync::OnceLock;

fn sites() -> &'static [Site] {
    static SITES: OnceLock<Vec<Site>> = OnceLock::new();
    SITES.get_or_init(|| load_catalog().expect("data loads"))
}

/// Text that leans on what broke before: stops, quotes, brackets, capitals
/// and multi-byte whitespace, mixed with anything at all.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(".".to_owned()),
        Just("?".to_owned()),
        Just("”".to_owned()),
        Just("(".to_owned()),
        Just(" ".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{2003}".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("No.".to_owned()),
        Just("Mr.".to_owned()),
        Just("US$".to_owned()),
        Just("1,5".to_owned()),
        Just(" billion".to_owned()),
        Just("%".to_owned()),
        Just("A".to_owned()),
        Just("Ж".to_owned()),
        Just("中".to_owned()),
        "\\PC{0,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_text(), any::<String>()]
}

#[test]
fn a_no_break_space_before_a_stop_word_does_not_panic() {
    // Was a panic: the word start was taken one byte past a two-byte space.
    let text = "They met\u{a0}Mr. Li. Then it stopped.";
    let parts: Vec<&str> = split_sentences(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    // And "Mr." after the two-byte space is still read as an abbreviation.
    assert_eq!(parts, ["They met\u{a0}Mr. Li.", "Then it stopped."]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn sentences_are_ordered_trimmed_slices_of_the_text(text in any_text()) {
        let ranges = split_sentences(&text);
        let mut end = 0;
        for range in ranges {
            prop_assert!(range.start >= end && range.start < range.end);
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let sentence = &text[range.clone()];
            prop_assert_eq!(sentence, sentence.trim());
            end = range.end;
        }
        // Nothing but whitespace is lost between sentences.
        let kept: usize = split_sentences(&text).into_iter().map(|r| r.len()).sum();
        let non_space: usize = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum();
        prop_assert!(kept >= non_space);
    }

    #[test]
    fn quantities_sit_on_their_sentence(text in any_text()) {
        for q in quantities(&text) {
            prop_assert!(text.is_char_boundary(q.at));
            prop_assert_eq!(text.get(q.at..q.at + q.text.len()), Some(q.text.as_str()));
        }
    }

    #[test]
    fn any_text_parses_to_a_report_or_an_error(text in any_text()) {
        let _ = Report::parse(&text);
    }

    #[test]
    fn search_and_link_checks_take_any_text(text in any_text()) {
        let n = normalise(&text);
        prop_assert_eq!(n.trim(), n.as_str());
        let _ = is_web_link(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The real report with arbitrary text spliced into its first paragraph
    /// still builds a story, figures and the trade chart.
    #[test]
    fn the_story_takes_any_text_in_the_report(text in any_text()) {
        let sites = sites();
        let first_line = REPORT_TEXT.lines().position(|l| !l.trim().is_empty()).unwrap_or(0);
        let mut lines: Vec<String> = REPORT_TEXT.lines().map(str::to_owned).collect();
        if let Some(line) = lines.get_mut(first_line + 1) {
            line.push(' ');
            line.push_str(&text);
        }
        if let Ok(report) = Report::parse(&lines.join("\n")) {
            let story = Story::build(&report, sites);
            let found = figures(&story);
            let _ = trade_change(&story, &found);
            // The segments (text and site mentions) still spell each
            // sentence exactly.
            for sentence in story.sentences() {
                let spelled: String = sentence
                    .segments
                    .iter()
                    .map(|s| match s {
                        Segment::Text(t) | Segment::Mention { text: t, .. } => t.as_str(),
                    })
                    .collect();
                prop_assert_eq!(&spelled, &sentence.text);
            }
        }
    }

    #[test]
    fn search_takes_any_query(query in any_text()) {
        let index = SearchIndex::new(sites());
        for hit in index.search(&query, 10) {
            prop_assert!(hit.index < sites().len());
        }
    }
}
