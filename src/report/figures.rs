//! Key figures read out of the report's sentences: every number followed by
//! a unit the atlas knows ("94.8 billion U.S. dollars", "US$17 billion",
//! "7.2%", "1.74 billion kWh", "1.6 million tons", "10 billion cubic
//! meters", "20,000 local people", "7 cities"), with the words around it
//! that qualify it ("more than", "about", "an increase of", "per year",
//! "from … to …"). Nothing here is typed in: change the text and the figures
//! change. Years and counts without a unit are not figures.

use crate::i18n::Lang;
use crate::i18n::format::{decimal, ru_plural};
use crate::model::Sector;
use crate::report::story::{SectionKind, Story};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    UsDollars,
    Percent,
    KilowattHours,
    Tonnes,
    CubicMetres,
    People,
    Cities,
}

/// A word before the number that bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    MoreThan,
    About,
    Nearly,
}

/// One number with its unit, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// In base units: dollars, kWh, tonnes, m³, people, cities, percent.
    pub value: f64,
    pub unit: Unit,
    pub bound: Option<Bound>,
    /// Written as a change ("an increase of 5.4 billion", "increased by").
    pub change: bool,
    /// The words of the report, e.g. "94.8 billion U.S. dollars".
    pub text: String,
    /// Byte offset of `text` in its sentence.
    pub at: usize,
}

/// A key figure: a quantity (or a change from one to another) in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub sentence: String,
    pub sector: Option<Sector>,
    pub value: Quantity,
    /// "from 262 million kWh per year to 1.74 billion kWh": the 262.
    pub from: Option<Quantity>,
    pub per_year: bool,
    /// The clause of the sentence the figure stands in, verbatim.
    pub clause: String,
}

/// Unit phrases after the number (and its scale word), longest first.
const UNITS: [(&str, Unit); 8] = [
    ("U.S. dollars", Unit::UsDollars),
    ("kilowatt-hours", Unit::KilowattHours),
    ("cubic meters", Unit::CubicMetres),
    ("local people", Unit::People),
    ("cities", Unit::Cities),
    ("tons", Unit::Tonnes),
    ("kWh", Unit::KilowattHours),
    ("%", Unit::Percent),
];

/// Every quantity in `sentence`, in order.
pub fn quantities(sentence: &str) -> Vec<Quantity> {
    let bytes = sentence.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (matches!(bytes[end], b',' | b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        if let Some(q) = quantity_at(sentence, i, end) {
            i = q.at + q.text.len();
            out.push(q);
        } else {
            i = end;
        }
    }
    out
}

/// Reads the quantity whose digits are `sentence[start..end]`, if a known
/// unit follows.
fn quantity_at(sentence: &str, start: usize, end: usize) -> Option<Quantity> {
    let number: f64 = sentence[start..end].replace(',', "").parse().ok()?;
    let dollar_prefix = sentence[..start].ends_with("US$");
    let mut rest = &sentence[end..];
    let mut scale = 1.0;
    for (word, factor) in [(" billion", 1e9), (" million", 1e6), (" thousand", 1e3)] {
        if let Some(r) = rest.strip_prefix(word) {
            scale = factor;
            rest = r;
            break;
        }
    }
    let (unit, unit_len) = if dollar_prefix {
        (Unit::UsDollars, 0)
    } else {
        let after = rest.strip_prefix(' ').unwrap_or(rest);
        let spaced = rest.len() - after.len();
        UNITS.iter().find_map(|(word, unit)| {
            if *word == "%" {
                rest.starts_with('%').then_some((*unit, 1))
            } else {
                after
                    .starts_with(word)
                    .then_some((*unit, spaced + word.len()))
            }
        })?
    };
    let text_start = if dollar_prefix {
        start - "US$".len()
    } else {
        start
    };
    let text_end = sentence.len() - rest.len() + unit_len;
    let before = sentence[..text_start].to_lowercase();
    let before = before.trim_end();
    let (one, two) = (last_words(before, 1), last_words(before, 2));
    let bound = match (one.as_str(), two.as_str()) {
        (_, "more than") | ("exceeded" | "exceeding" | "over", _) => Some(Bound::MoreThan),
        ("about", _) => Some(Bound::About),
        ("nearly", _) => Some(Bound::Nearly),
        _ => None,
    };
    let lead = last_words(before, 4);
    let change = [
        "increase of",
        "increased by",
        "growth rate of",
        "rise of",
        "grew by",
    ]
    .iter()
    .any(|w| lead.contains(w));
    Some(Quantity {
        value: number * scale,
        unit,
        bound,
        change,
        text: sentence[text_start..text_end].to_owned(),
        at: text_start,
    })
}

/// The last `n` words of `text`.
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// The clause around byte `at`: from the previous ", " or "; " (or the
/// sentence start) to the next (or the end).
fn clause_around(sentence: &str, at: usize) -> std::ops::Range<usize> {
    let boundaries: Vec<usize> = sentence
        .match_indices(", ")
        .chain(sentence.match_indices("; "))
        .map(|(i, _)| i)
        .collect();
    let start = boundaries
        .iter()
        .filter(|&&b| b < at)
        .max()
        .map_or(0, |b| b + 2);
    let end = boundaries
        .iter()
        .filter(|&&b| b >= at)
        .min()
        .copied()
        .unwrap_or(sentence.len());
    start..end
}

/// Every key figure of the report's achievements, in reading order.
pub fn figures(story: &Story) -> Vec<Figure> {
    let mut out = Vec::new();
    for section in &story.achievements {
        let sector = match section.kind {
            SectionKind::Achievement(s) => Some(s),
            _ => None,
        };
        for sentence in section.paragraphs.iter().flatten() {
            let text = &sentence.text;
            let found = quantities(text);
            let mut used = vec![false; found.len()];
            for k in 0..found.len() {
                if used[k] {
                    continue;
                }
                let q = &found[k];
                let clause = clause_around(text, q.at);
                let clause_text = &text[clause.clone()];
                // "from A … to B": one figure for the pair.
                let lead = text[..q.at].trim_end();
                let starts_from = lead.ends_with(" from") || lead.ends_with(" from the original");
                let pair = found.get(k + 1).filter(|next| {
                    starts_from
                        && next.unit == q.unit
                        && next.at < clause.end
                        && text[q.at + q.text.len()..next.at].contains(" to ")
                });
                let per_year = ["per year", "a year", "each year", "annual", "annually"]
                    .iter()
                    .any(|w| clause_text.contains(w));
                let (value, from) = match pair {
                    Some(next) => {
                        used[k + 1] = true;
                        (next.clone(), Some(q.clone()))
                    }
                    None => (q.clone(), None),
                };
                out.push(Figure {
                    sentence: sentence.id.clone(),
                    sector,
                    value,
                    from,
                    per_year,
                    clause: clause_text.to_owned(),
                });
            }
        }
    }
    out
}

/// A value in words for a card: "US$94.8 bn", "7.2%", "1.74 bn kWh".
pub fn format_quantity(q: &Quantity) -> String {
    let (scaled, suffix) = match q.value.abs() {
        v if v >= 1e9 => (q.value / 1e9, " bn"),
        v if v >= 1e6 => (q.value / 1e6, " M"),
        _ => (q.value, ""),
    };
    let number = trim_number(scaled);
    let body = match q.unit {
        Unit::UsDollars => format!("US${number}{suffix}"),
        Unit::Percent => format!("{number}%"),
        Unit::KilowattHours => format!("{number}{suffix} kWh"),
        Unit::Tonnes if suffix == " M" => format!("{number} Mt"),
        Unit::Tonnes => format!("{number}{suffix} t"),
        Unit::CubicMetres => format!("{number}{suffix} m³"),
        Unit::People => format!("{number}{suffix} people"),
        Unit::Cities => format!("{number} cities"),
    };
    let sign = if q.change { "+" } else { "" };
    let bound = match q.bound {
        Some(Bound::MoreThan) => "> ",
        Some(Bound::About) => "≈ ",
        Some(Bound::Nearly) => "nearly ",
        None => "",
    };
    format!("{bound}{sign}{body}")
}

/// A value for a card in `lang`: English as `format_quantity`; Chinese
/// counts in 万 (10⁴) and 亿 (10⁸) ("948亿美元", "17.4亿千瓦时",
/// "160万吨", "2万人", "7个城市"); Russian writes "94,8 млрд долларов
/// США", "1,74 млрд кВт·ч", "1,6 млн т", "20 000 человек", "7 городов".
pub fn format_quantity_in(q: &Quantity, lang: Lang) -> String {
    match lang {
        Lang::En => format_quantity(q),
        Lang::Zh => quantity_zh(q),
        Lang::Ru => quantity_ru(q),
    }
}

fn quantity_zh(q: &Quantity) -> String {
    let v = q.value.abs();
    let (scaled, scale) = match q.unit {
        Unit::Percent | Unit::Cities => (v, ""),
        _ if v >= 1e8 => (v / 1e8, "亿"),
        _ if v >= 1e4 => (v / 1e4, "万"),
        _ => (v, ""),
    };
    let n = decimal(Lang::Zh, scaled, 2);
    let body = match q.unit {
        Unit::UsDollars => format!("{n}{scale}美元"),
        Unit::Percent => format!("{n}%"),
        Unit::KilowattHours => format!("{n}{scale}千瓦时"),
        Unit::Tonnes => format!("{n}{scale}吨"),
        Unit::CubicMetres => format!("{n}{scale}立方米"),
        Unit::People => format!("{n}{scale}人"),
        Unit::Cities => format!("{n}个城市"),
    };
    let sign = if q.change { "增加" } else { "" };
    let bound = match q.bound {
        Some(Bound::MoreThan) => "超过",
        Some(Bound::About) => "约",
        Some(Bound::Nearly) => "近",
        None => "",
    };
    format!("{bound}{sign}{body}")
}

fn quantity_ru(q: &Quantity) -> String {
    let v = q.value.abs();
    let (scaled, scale) = match q.unit {
        Unit::Percent | Unit::Cities | Unit::People => (v, ""),
        _ if v >= 1e9 => (v / 1e9, " млрд"),
        _ if v >= 1e6 => (v / 1e6, " млн"),
        _ => (v, ""),
    };
    let n = decimal(Lang::Ru, scaled, 2);
    let whole = scaled.round() as u64;
    let nb = '\u{a0}';
    let body = match q.unit {
        Unit::UsDollars => format!("{n}{scale} долларов США"),
        Unit::Percent => format!("{n}{nb}%"),
        Unit::KilowattHours => format!("{n}{scale} кВт·ч"),
        Unit::Tonnes => format!("{n}{scale} т"),
        Unit::CubicMetres => format!("{n}{scale} м³"),
        Unit::People => format!("{n} {}", ru_plural(whole, "человек", "человека", "человек")),
        Unit::Cities => format!("{n} {}", ru_plural(whole, "город", "города", "городов")),
    };
    let sign = if q.change { "+" } else { "" };
    let bound = match q.bound {
        Some(Bound::MoreThan) => "более ",
        Some(Bound::About) => "около ",
        Some(Bound::Nearly) => "почти ",
        None => "",
    };
    format!("{bound}{sign}{body}")
}

/// The note under the trade chart: how the previous year's bar is derived,
/// and the growth the two totals imply when it differs from the stated one.
pub fn trade_note(lang: Lang, trade: &TradeChange) -> String {
    let (before, year) = (trade.year.saturating_sub(1), trade.year);
    let implied = trade.implied_growth();
    let differs = trade
        .stated_growth
        .filter(|stated| (stated - implied).abs() >= 0.05);
    // One place, kept even when zero: "6.0%" beside "7.2%".
    let one_place = |v: f64| {
        let text = decimal(lang, v, 1);
        if text.contains(['.', ',']) {
            text
        } else {
            format!("{text}{}0", if lang == Lang::Ru { ',' } else { '.' })
        }
    };
    let implied = one_place(implied);
    let stated = differs.map(one_place);
    match (lang, stated) {
        (Lang::En, None) => format!("{before} = {year} − the increase the report gives."),
        (Lang::En, Some(s)) => format!(
            "{before} = {year} − the increase the report gives. These two totals imply growth of {implied}%; the report states {s}%."
        ),
        (Lang::Zh, None) => format!("{before}年 = {year}年 − 报告给出的增量。"),
        (Lang::Zh, Some(s)) => format!(
            "{before}年 = {year}年 − 报告给出的增量。由这两个总额推算增长率为{implied}%；报告称{s}%。"
        ),
        (Lang::Ru, None) => format!("{before} = {year} − прирост, указанный в докладе."),
        (Lang::Ru, Some(s)) => format!(
            "{before} = {year} − прирост, указанный в докладе. Из этих двух сумм следует рост на {implied}\u{a0}%; в докладе — {s}\u{a0}%."
        ),
    }
}

/// 94.8 → "94.8", 20000 → "20,000", 17.0 → "17": to two places, in
/// English (`i18n::format::decimal`).
fn trim_number(value: f64) -> String {
    decimal(Lang::En, value, 2)
}

/// Trade in the year the report names and the year before, derived from
/// its own two numbers: the total and the increase over the previous year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeChange {
    pub year: u16,
    /// US$, that year.
    pub total: f64,
    /// US$, the year before: `total − increase`.
    pub previous: f64,
    /// The growth rate the report states, in percent, if it states one.
    pub stated_growth: Option<f64>,
}

impl TradeChange {
    /// The growth the two totals imply, in percent.
    pub fn implied_growth(&self) -> f64 {
        (self.total - self.previous) / self.previous * 100.0
    }
}

/// Reads the trade totals out of the Trade section's figures: the first
/// dollar figure that is not a change, in a sentence naming a year, and the
/// dollar change after it.
pub fn trade_change(story: &Story, figures: &[Figure]) -> Option<TradeChange> {
    let trade: Vec<&Figure> = figures
        .iter()
        .filter(|f| f.sector == Some(Sector::Trade))
        .collect();
    let total_at = trade
        .iter()
        .position(|f| f.value.unit == Unit::UsDollars && !f.value.change && f.from.is_none())?;
    let total = trade[total_at];
    let increase = trade[total_at + 1..].iter().find(|f| {
        f.sentence == total.sentence && f.value.unit == Unit::UsDollars && f.value.change
    })?;
    let stated_growth = trade[total_at + 1..]
        .iter()
        .find(|f| f.sentence == total.sentence && f.value.unit == Unit::Percent && f.value.change)
        .map(|f| f.value.value);
    let sentence = story.sentences().find(|s| s.id == total.sentence)?;
    let year = year_in(&sentence.text[..total.value.at])?;
    Some(TradeChange {
        year,
        total: total.value.value,
        previous: total.value.value - increase.value.value,
        stated_growth,
    })
}

/// The last four-digit year (1900–2099) in `text`.
fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .rev()
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..2100).contains(y))
}

/// A bar of the trade chart, in SVG user units (0–100 wide).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    pub value_label: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Height of the chart's bar area, in SVG units.
pub(crate) const CHART_HEIGHT: f64 = 60.0;

/// Two bars, the year before and the year, scaled so the taller fills the
/// chart; heights are proportional to the values from zero.
pub(crate) fn trade_bars(change: &TradeChange, lang: Lang) -> [Bar; 2] {
    let max = change.total.max(change.previous).max(1.0);
    let bar = |i: f64, year: u16, value: f64| {
        let height = value / max * CHART_HEIGHT;
        let dollars = Quantity {
            value,
            unit: Unit::UsDollars,
            bound: None,
            change: false,
            text: String::new(),
            at: 0,
        };
        Bar {
            label: year.to_string(),
            value_label: format_quantity_in(&dollars, lang),
            x: 12.0 + i * 46.0,
            y: CHART_HEIGHT - height,
            width: 30.0,
            height,
        }
    };
    [
        bar(0.0, change.year.saturating_sub(1), change.previous),
        bar(1.0, change.year, change.total),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_numbers_scales_units_and_bounds() {
        let q = quantities("exceeded US$17 billion, with turnover exceeding US$60 billion.");
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].value, q[0].unit, q[0].bound),
            (17e9, Unit::UsDollars, Some(Bound::MoreThan))
        );
        assert_eq!(q[1].text, "US$60 billion");
        let q = quantities("employs more than 20,000 local people in 1997 and 5 countries");
        assert_eq!(q.len(), 1, "years and bare counts are not figures");
        assert_eq!((q[0].value, q[0].unit), (20_000.0, Unit::People));
        let q = quantities("a growth rate of 7.2%, No. 2 plant, 100 MW");
        assert_eq!(q.len(), 1);
        assert!(q[0].change);
        assert_eq!(q[0].value, 7.2);
    }

    #[test]
    fn a_number_starts_after_a_space_not_inside_a_word_or_after_a_stop() {
        let texts =
            |s: &str| -> Vec<String> { quantities(s).into_iter().map(|q| q.text).collect() };
        assert_eq!(
            texts("7 cities, route A7 cities, 2.5%, x.5% and in 2024, 12 cities"),
            ["7 cities", "2.5%", "12 cities"]
        );
        // A stop or comma belongs to a number only when a digit follows.
        assert_eq!(texts("a 5.% share, 6,% more"), Vec::<String>::new());
        assert_eq!(texts("ends in 2024"), Vec::<String>::new());
        // A unit may follow without a space; the text ends with the unit.
        assert_eq!(texts("5kWh a day"), ["5kWh"]);
        let q = quantities("nearly 20,000 local people");
        assert_eq!(q[0].bound, Some(Bound::Nearly));
    }

    /// A story whose Trade section is one paragraph of `sentences`.
    fn trade_story(sentences: &[&str]) -> Story {
        use crate::report::story::{Sentence, StorySection};
        let section = |kind, paragraphs| StorySection {
            id: String::new(),
            kind,
            number: None,
            heading: String::new(),
            paragraphs,
        };
        let paragraph = sentences
            .iter()
            .enumerate()
            .map(|(i, text)| Sentence {
                id: format!("trade-p1-s{}", i + 1),
                text: (*text).to_owned(),
                segments: Vec::new(),
                cites: Vec::new(),
            })
            .collect();
        Story {
            title: None,
            publisher: None,
            released_on: None,
            intro: section(SectionKind::Intro, Vec::new()),
            achievements: vec![section(
                SectionKind::Achievement(Sector::Trade),
                vec![paragraph],
            )],
            challenges: Vec::new(),
        }
    }

    #[test]
    fn from_a_to_b_is_one_figure_and_a_to_b_without_from_is_two() {
        let story = trade_story(&[
            "Output from 262 million kWh per year to 1.74 billion kWh.",
            "It went 5% to 7% today.",
        ]);
        let all = figures(&story);
        let texts: Vec<(&str, Option<&str>)> = all
            .iter()
            .map(|f| {
                (
                    f.value.text.as_str(),
                    f.from.as_ref().map(|q| q.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("1.74 billion kWh", Some("262 million kWh")),
                ("5%", None),
                ("7%", None)
            ]
        );
        assert!(all[0].per_year);
        assert_eq!(all[0].sector, Some(Sector::Trade));
        assert_eq!(all[1].sentence, "trade-p1-s2");
    }

    #[test]
    fn the_trade_change_is_the_first_plain_dollar_total_and_its_own_increase() {
        let story = trade_story(&[
            "Growth was 3% in 2022.",
            "Exports went from 5 billion U.S. dollars to 6 billion U.S. dollars.",
            "In 2024, trade reached 100 billion U.S. dollars, with 7 cities and 40 billion U.S. dollars in goods, an increase of 10 billion U.S. dollars, a growth rate of 11.1%.",
        ]);
        let change = trade_change(&story, &figures(&story));
        assert_eq!(
            change,
            Some(TradeChange {
                year: 2024,
                total: 100e9,
                previous: 90e9,
                stated_growth: Some(11.1),
            })
        );
    }

    #[test]
    fn whole_numbers_print_without_a_sign_on_zero() {
        // The card's numbers are i18n::format's, in English.
        assert_eq!(decimal(Lang::En, 2.0, 2), "2");
        assert_eq!(decimal(Lang::En, -0.0, 2), "0");
        assert_eq!(
            decimal(Lang::En, -0.4, 0),
            "0",
            "rounds to zero, not to minus zero"
        );
        assert_eq!(decimal(Lang::En, -1234.0, 0), "-1,234");
        assert_eq!(decimal(Lang::En, 2.5, 2), "2.5");
        assert_eq!(trim_number(94.8), "94.8");
        assert_eq!(trim_number(20_000.0), "20,000");
    }

    #[test]
    fn quantities_in_chinese_and_russian() {
        let q = |value: f64, unit: Unit, bound: Option<Bound>, change: bool| Quantity {
            value,
            unit,
            bound,
            change,
            text: String::new(),
            at: 0,
        };
        let dollars = q(94.8e9, Unit::UsDollars, None, false);
        assert_eq!(format_quantity_in(&dollars, Lang::Zh), "948亿美元");
        assert_eq!(
            format_quantity_in(&dollars, Lang::Ru),
            "94,8 млрд долларов США"
        );
        assert_eq!(format_quantity_in(&dollars, Lang::En), "US$94.8 bn");
        let kwh = q(1.74e9, Unit::KilowattHours, None, false);
        assert_eq!(format_quantity_in(&kwh, Lang::Zh), "17.4亿千瓦时");
        assert_eq!(format_quantity_in(&kwh, Lang::Ru), "1,74 млрд кВт·ч");
        let tonnes = q(1.6e6, Unit::Tonnes, Some(Bound::MoreThan), false);
        assert_eq!(format_quantity_in(&tonnes, Lang::Zh), "超过160万吨");
        assert_eq!(format_quantity_in(&tonnes, Lang::Ru), "более 1,6 млн т");
        let people = q(20_000.0, Unit::People, Some(Bound::About), false);
        assert_eq!(format_quantity_in(&people, Lang::Zh), "约2万人");
        assert_eq!(
            format_quantity_in(&people, Lang::Ru),
            "около 20\u{a0}000 человек"
        );
        let cities = q(7.0, Unit::Cities, None, false);
        assert_eq!(format_quantity_in(&cities, Lang::Zh), "7个城市");
        assert_eq!(format_quantity_in(&cities, Lang::Ru), "7 городов");
        let growth = q(5.4e9, Unit::UsDollars, None, true);
        assert_eq!(format_quantity_in(&growth, Lang::Zh), "增加54亿美元");
        assert_eq!(
            format_quantity_in(&growth, Lang::Ru),
            "+5,4 млрд долларов США"
        );
        let rate = q(7.2, Unit::Percent, None, false);
        assert_eq!(format_quantity_in(&rate, Lang::Ru), "7,2\u{a0}%");
    }

    #[test]
    fn formatting_is_short_and_keeps_bounds() {
        let q = |value, unit, bound, change| Quantity {
            value,
            unit,
            bound,
            change,
            text: String::new(),
            at: 0,
        };
        assert_eq!(
            format_quantity(&q(94.8e9, Unit::UsDollars, None, false)),
            "US$94.8 bn"
        );
        assert_eq!(
            format_quantity(&q(460e6, Unit::UsDollars, None, false)),
            "US$460 M"
        );
        assert_eq!(
            format_quantity(&q(5.4e9, Unit::UsDollars, None, true)),
            "+US$5.4 bn"
        );
        assert_eq!(
            format_quantity(&q(20_000.0, Unit::People, Some(Bound::MoreThan), false)),
            "> 20,000 people"
        );
        assert_eq!(
            format_quantity(&q(1.6e6, Unit::Tonnes, None, false)),
            "1.6 Mt"
        );
        assert_eq!(
            format_quantity(&q(500.0, Unit::Tonnes, None, false)),
            "500 t"
        );
        assert_eq!(
            format_quantity(&q(3e9, Unit::Tonnes, None, false)),
            "3 bn t"
        );
        assert_eq!(
            format_quantity(&q(3e9, Unit::KilowattHours, Some(Bound::About), false)),
            "≈ 3 bn kWh"
        );
    }

    #[test]
    fn clauses_extend_past_a_short_lead() {
        let s = "In 2024, trade amounted to 94.8 billion U.S. dollars, an increase of 5.4 billion U.S. dollars";
        let at = s.find("94.8").unwrap_or(0);
        assert_eq!(
            &s[clause_around(s, at)],
            "trade amounted to 94.8 billion U.S. dollars"
        );
    }

    #[test]
    fn bars_scale_from_zero() {
        let change = TradeChange {
            year: 2024,
            total: 94.8e9,
            previous: 89.4e9,
            stated_growth: None,
        };
        let [a, b] = trade_bars(&change, Lang::En);
        assert_eq!(b.height, CHART_HEIGHT);
        assert!((a.height / b.height - 89.4 / 94.8).abs() < 1e-12);
        assert_eq!((a.label.as_str(), b.label.as_str()), ("2023", "2024"));
        assert_eq!(a.value_label, "US$89.4 bn");
        // Side by side from the left, standing on the chart's base line.
        assert_eq!((a.x, b.x), (12.0, 58.0));
        assert_eq!(b.y, 0.0);
        assert!((a.y + a.height - CHART_HEIGHT).abs() < 1e-12);
    }
}
