//! What the panel says while an import runs and when it is done, as
//! values worded in the reader's language when shown (`Progress::text`,
//! `Done::text`), so the message follows a switch of language. Plain Rust.

use crate::i18n::Lang;
use crate::i18n::format::{integer, ru_plural};
use crate::userdata::intake::format_bytes;

/// An import on its way.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// A picked or dropped file being read.
    Reading { name: String },
    /// A `?data=` link being fetched, with the bytes read so far.
    Fetching { label: String, bytes: Option<usize> },
    /// Features checked so far.
    Checked {
        done: usize,
        total: usize,
        name: String,
    },
    /// The page checks the file itself, because the worker could not
    /// start (`why`, already worded).
    CheckingOnPage { name: String, why: String },
    /// Checked, being drawn.
    Drawing { count: usize, name: String },
}

/// An import's good end.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Loaded {
        count: usize,
        name: String,
        skipped: usize,
    },
    Removed,
}

fn n(lang: Lang, value: usize) -> String {
    integer(lang, i64::try_from(value).unwrap_or(i64::MAX))
}

/// Russian "объекта/объектов" after "из N" or "N" in the genitive.
fn ru_features_genitive(count: usize) -> &'static str {
    ru_plural(count as u64, "объекта", "объектов", "объектов")
}

impl Progress {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Progress::Reading { name } => match lang {
                Lang::En => format!("Reading {name}…"),
                Lang::Zh => format!("正在读取 {name}…"),
                Lang::Ru => format!("Чтение {name}…"),
            },
            Progress::Fetching { label, bytes } => {
                let read = bytes
                    .map(|b| format!(" {}", format_bytes(lang, b)))
                    .unwrap_or_default();
                match lang {
                    Lang::En => format!("Fetching {label}…{read}"),
                    Lang::Zh => format!("正在下载 {label}…{read}"),
                    Lang::Ru => format!("Загрузка {label}…{read}"),
                }
            }
            Progress::Checked { done, total, name } => {
                let (d, t) = (n(lang, *done), n(lang, *total));
                match lang {
                    Lang::En => format!("Checked {d} of {t} features in {name}…"),
                    Lang::Zh => format!("已检查 {name} 的 {t} 个要素中的 {d} 个…"),
                    Lang::Ru => format!(
                        "Проверено {d} из {t} {} в {name}…",
                        ru_features_genitive(*total)
                    ),
                }
            }
            Progress::CheckingOnPage { name, why } => match lang {
                Lang::En => format!(
                    "Checking {name} on this page: the background import could not start ({why})…"
                ),
                Lang::Zh => format!("正在本页检查 {name}：后台导入无法启动（{why}）…"),
                Lang::Ru => {
                    format!(
                        "Проверка {name} на этой странице: фоновый импорт не запустился ({why})…"
                    )
                }
            },
            Progress::Drawing { count, name } => {
                let c = n(lang, *count);
                match lang {
                    Lang::En => format!(
                        "Drawing {c} feature{} from {name}…",
                        if *count == 1 { "" } else { "s" }
                    ),
                    Lang::Zh => format!("正在绘制 {name} 中的 {c} 个要素…"),
                    Lang::Ru => {
                        format!("Отрисовка {c} {} из {name}…", ru_features_genitive(*count))
                    }
                }
            }
        }
    }
}

impl Done {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Done::Loaded {
                count,
                name,
                skipped,
            } => {
                let c = n(lang, *count);
                let k = n(lang, *skipped);
                match lang {
                    Lang::En => {
                        let skipped = match skipped {
                            0 => String::new(),
                            1 => "; 1 feature skipped (see below)".to_owned(),
                            _ => format!("; {k} features skipped (see below)"),
                        };
                        format!(
                            "Loaded {c} feature{} from {name}{skipped}.",
                            if *count == 1 { "" } else { "s" }
                        )
                    }
                    Lang::Zh => {
                        let skipped = if *skipped == 0 {
                            String::new()
                        } else {
                            format!("；跳过 {k} 个（见下文）")
                        };
                        format!("已从 {name} 加载 {c} 个要素{skipped}。")
                    }
                    Lang::Ru => {
                        let skipped = if *skipped == 0 {
                            String::new()
                        } else {
                            format!("; пропущено: {k} (см. ниже)")
                        };
                        format!(
                            "Загружено {c} {} из {name}{skipped}.",
                            ru_plural(*count as u64, "объект", "объекта", "объектов")
                        )
                    }
                }
            }
            Done::Removed => match lang {
                Lang::En => "Your data was removed from the map.".to_owned(),
                Lang::Zh => "您的数据已从地图上移除。".to_owned(),
                Lang::Ru => "Ваши данные убраны с карты.".to_owned(),
            },
        }
    }
}

/// The skipped features' list: its summary ("3 skipped"), one line per
/// listed feature ("Feature 4: …", counting from 1) and the rest ("… and
/// 2 more").
pub fn skipped_summary(lang: Lang, count: usize) -> String {
    let k = n(lang, count);
    match lang {
        Lang::En => format!("{k} skipped"),
        Lang::Zh => format!("跳过 {k} 个"),
        Lang::Ru => format!("пропущено: {k}"),
    }
}

pub fn skipped_line(lang: Lang, index: usize, reason: &str) -> String {
    let i = n(lang, index + 1);
    match lang {
        Lang::En => format!("Feature {i}: {reason}"),
        Lang::Zh => format!("第 {i} 个要素：{reason}"),
        Lang::Ru => format!("Объект {i}: {reason}"),
    }
}

pub fn skipped_more(lang: Lang, more: usize) -> String {
    let m = n(lang, more);
    match lang {
        Lang::En => format!("… and {m} more"),
        Lang::Zh => format!("……另有 {m} 个"),
        Lang::Ru => format!("… и ещё {m}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loaded_counts_agree_with_their_nouns() {
        let loaded = |count, skipped| Done::Loaded {
            count,
            name: "a.geojson".into(),
            skipped,
        };
        assert_eq!(
            loaded(1, 0).text(Lang::En),
            "Loaded 1 feature from a.geojson."
        );
        assert_eq!(
            loaded(12, 2).text(Lang::En),
            "Loaded 12 features from a.geojson; 2 features skipped (see below)."
        );
        assert_eq!(
            loaded(21, 1).text(Lang::Ru),
            "Загружено 21 объект из a.geojson; пропущено: 1 (см. ниже)."
        );
        assert_eq!(
            loaded(3, 0).text(Lang::Ru),
            "Загружено 3 объекта из a.geojson."
        );
        assert_eq!(
            loaded(12_000, 0).text(Lang::Zh),
            "已从 a.geojson 加载 12,000 个要素。"
        );
    }

    #[test]
    fn progress_is_worded_in_each_language() {
        let checked = Progress::Checked {
            done: 5000,
            total: 10_001,
            name: "b.json".into(),
        };
        assert_eq!(
            checked.text(Lang::En),
            "Checked 5,000 of 10,001 features in b.json…"
        );
        assert_eq!(
            checked.text(Lang::Ru),
            "Проверено 5000 из 10\u{a0}001 объекта в b.json…"
        );
        let fetching = Progress::Fetching {
            label: "x.org/a".into(),
            bytes: Some(2_500_000),
        };
        assert_eq!(fetching.text(Lang::Ru), "Загрузка x.org/a… 2,5 МБ");
        assert_eq!(
            Progress::Drawing {
                count: 1,
                name: "c".into()
            }
            .text(Lang::En),
            "Drawing 1 feature from c…"
        );
        assert_eq!(skipped_line(Lang::Zh, 3, "…"), "第 4 个要素：…");
        assert_eq!(skipped_more(Lang::Ru, 5), "… и ещё 5");
    }
}
