//! Numbers and dates as each language writes them: "94.8" / "94,8",
//! "20,000" / "20 000", "Sunday 22 June 2025" / "2025年6月22日星期日" /
//! "воскресенье, 22 июня 2025 г.". By integer arithmetic, never through
//! float formatting (which would bring `core::fmt`'s float code into a
//! bundle that has none).

use super::Lang;

/// Russian no-break space, between digit groups and before units.
pub const NBSP: char = '\u{a0}';

/// `value` to at most `places` decimals (rounded half away from zero,
/// trailing zeros dropped), thousands grouped as the language groups
/// them: en and zh "20,000.5", ru "20 000,5".
pub fn decimal(lang: Lang, value: f64, places: u32) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let scale = 10_i64.pow(places.min(9));
    // Finite and clamped: the cast cannot wrap.
    let scaled = (value.abs() * scale as f64).round().min(9.0e15) as i64;
    let (whole, mut fraction) = (scaled / scale, scaled % scale);
    let mut digits = places.min(9);
    while digits > 0 && fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&integer(lang, whole));
    if digits > 0 {
        out.push(if lang == Lang::Ru { ',' } else { '.' });
        let text = fraction.to_string();
        for _ in text.len()..digits as usize {
            out.push('0');
        }
        out.push_str(&text);
    }
    out
}

/// A whole number with its thousands grouped: "12,345", ru "12 345".
/// (Russian leaves four-digit numbers ungrouped: "2025", "1500".)
pub fn integer(lang: Lang, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let separator = match lang {
        Lang::Ru if digits.len() <= 4 => None,
        Lang::Ru => Some(NBSP),
        Lang::En | Lang::Zh => Some(','),
    };
    let mut out = String::with_capacity(digits.len() + 4);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if let Some(separator) = separator
            && i > 0
            && (digits.len() - i).is_multiple_of(3)
        {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Which Russian noun form goes with `n`: 1, 21, 101 take the first
/// ("город"), 2–4, 22–24 the second ("города"), the rest — 0, 5–20,
/// 11–14, 25 — the third ("городов").
pub fn ru_plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Russian months in the genitive, as a date writes them ("22 июня").
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Weekdays from Saturday, the order Zeller's congruence counts in.
const WEEKDAYS: [[&str; 7]; 3] = [
    [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ],
    [
        "星期六",
        "星期日",
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
    ],
    [
        "суббота",
        "воскресенье",
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
    ],
];

/// The weekday of a Gregorian date (Zeller's congruence), 0 = Saturday.
fn weekday_index(year: u16, month: u8, day: u8) -> usize {
    let (y, m) = if month < 3 {
        (i64::from(year) - 1, i64::from(month) + 12)
    } else {
        (i64::from(year), i64::from(month))
    };
    let (k, j) = (y % 100, y / 100);
    let h = (i64::from(day) + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j).rem_euclid(7);
    usize::try_from(h).unwrap_or(0)
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
        Lang::Ru => 2,
    }
}

/// The weekday's name: "Sunday", "星期日", "воскресенье".
pub fn weekday(lang: Lang, year: u16, month: u8, day: u8) -> &'static str {
    WEEKDAYS[lang_index(lang)][weekday_index(year, month, day)]
}

/// A date: "22 June 2025", "2025年6月22日", "22 июня 2025 г."; empty for
/// a month outside 1–12.
pub fn date(lang: Lang, year: u16, month: u8, day: u8) -> String {
    let Some(index) = usize::from(month).checked_sub(1).filter(|&i| i < 12) else {
        return String::new();
    };
    match lang {
        Lang::En => format!("{day} {} {year}", MONTHS_EN[index]),
        Lang::Zh => format!("{year}年{month}月{day}日"),
        Lang::Ru => format!("{day}{NBSP}{} {year}{NBSP}г.", MONTHS_RU[index]),
    }
}

/// A date with its weekday: "Sunday 22 June 2025", "2025年6月22日星期日",
/// "воскресенье, 22 июня 2025 г.".
pub fn date_with_weekday(lang: Lang, year: u16, month: u8, day: u8) -> String {
    let (name, date) = (
        weekday(lang, year, month, day),
        date(lang, year, month, day),
    );
    match lang {
        Lang::En => format!("{name} {date}"),
        Lang::Zh => format!("{date}{name}"),
        Lang::Ru => format!("{name}, {date}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(Lang::En, 94.8, 2), "94.8");
        assert_eq!(decimal(Lang::Ru, 94.8, 2), "94,8");
        assert_eq!(decimal(Lang::Zh, 948.0, 2), "948");
        assert_eq!(decimal(Lang::En, 20_000.5, 1), "20,000.5");
        assert_eq!(decimal(Lang::Ru, 20_000.5, 1), "20\u{a0}000,5");
        assert_eq!(decimal(Lang::En, 1.006, 2), "1.01");
        assert_eq!(decimal(Lang::En, 0.05, 2), "0.05");
        assert_eq!(decimal(Lang::En, -5.4, 2), "-5.4");
        assert_eq!(decimal(Lang::En, -0.001, 2), "0");
        assert_eq!(decimal(Lang::En, f64::NAN, 2), "");
    }

    #[test]
    fn russian_groups_from_five_digits() {
        assert_eq!(integer(Lang::Ru, 2025), "2025");
        assert_eq!(integer(Lang::Ru, 20_000), "20\u{a0}000");
        assert_eq!(integer(Lang::En, 2025), "2,025");
        assert_eq!(integer(Lang::Zh, 1_234_567), "1,234,567");
        assert_eq!(integer(Lang::En, -1000), "-1,000");
    }

    #[test]
    fn russian_plurals() {
        let city = |n| ru_plural(n, "город", "города", "городов");
        assert_eq!(city(1), "город");
        assert_eq!(city(21), "город");
        assert_eq!(city(3), "города");
        assert_eq!(city(24), "города");
        assert_eq!(city(7), "городов");
        assert_eq!(city(11), "городов");
        assert_eq!(city(14), "городов");
        assert_eq!(city(112), "городов");
        assert_eq!(city(0), "городов");
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(date(Lang::En, 2025, 6, 22), "22 June 2025");
        assert_eq!(date(Lang::Zh, 2025, 6, 22), "2025年6月22日");
        assert_eq!(date(Lang::Ru, 2025, 6, 22), "22\u{a0}июня 2025\u{a0}г.");
        assert_eq!(
            date_with_weekday(Lang::En, 2025, 6, 22),
            "Sunday 22 June 2025"
        );
        assert_eq!(
            date_with_weekday(Lang::Zh, 2025, 6, 22),
            "2025年6月22日星期日"
        );
        assert_eq!(
            date_with_weekday(Lang::Ru, 2025, 6, 22),
            "воскресенье, 22\u{a0}июня 2025\u{a0}г."
        );
        assert_eq!(date(Lang::En, 2025, 13, 1), "");
        // Zeller's congruence against known days.
        assert_eq!(weekday(Lang::En, 2000, 1, 1), "Saturday");
        assert_eq!(weekday(Lang::En, 2024, 2, 29), "Thursday");
        assert_eq!(weekday(Lang::En, 2023, 5, 18), "Thursday");
    }
}
