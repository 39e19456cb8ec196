//! What the details panel says about a site, as plain text rows, in the
//! interface's language: the wording lives here, tested natively, and the
//! component only lays it out. Unknown stays unknown: a fact nobody states
//! is "not known", never guessed.

use crate::geo::geodesy::route_length_km;
use crate::i18n::Lang;
use crate::i18n::format::{decimal, integer};
use crate::model::{Category, Precision, Site, SiteGeometry, Status};

/// One row of the details: a label and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

/// The rows' labels.
#[derive(Debug, Clone, Copy)]
enum Row {
    Sector,
    Category,
    Countries,
    Status,
    Years,
    Capacity,
    Operator,
    Partners,
    Length,
    Location,
}

fn row_label(row: Row, lang: Lang) -> &'static str {
    match (lang, row) {
        (Lang::En, Row::Sector) => "Sector",
        (Lang::En, Row::Category) => "Category",
        (Lang::En, Row::Countries) => "Countries",
        (Lang::En, Row::Status) => "Status",
        (Lang::En, Row::Years) => "Years",
        (Lang::En, Row::Capacity) => "Capacity",
        (Lang::En, Row::Operator) => "Operator",
        (Lang::En, Row::Partners) => "Partners",
        (Lang::En, Row::Length) => "Length",
        (Lang::En, Row::Location) => "Location",
        (Lang::Zh, Row::Sector) => "领域",
        (Lang::Zh, Row::Category) => "类别",
        (Lang::Zh, Row::Countries) => "国家",
        (Lang::Zh, Row::Status) => "状态",
        (Lang::Zh, Row::Years) => "年份",
        (Lang::Zh, Row::Capacity) => "装机容量",
        (Lang::Zh, Row::Operator) => "运营方",
        (Lang::Zh, Row::Partners) => "合作方",
        (Lang::Zh, Row::Length) => "长度",
        (Lang::Zh, Row::Location) => "位置",
        (Lang::Ru, Row::Sector) => "Сфера",
        (Lang::Ru, Row::Category) => "Категория",
        (Lang::Ru, Row::Countries) => "Страны",
        (Lang::Ru, Row::Status) => "Статус",
        (Lang::Ru, Row::Years) => "Годы",
        (Lang::Ru, Row::Capacity) => "Мощность",
        (Lang::Ru, Row::Operator) => "Оператор",
        (Lang::Ru, Row::Partners) => "Партнёры",
        (Lang::Ru, Row::Length) => "Протяжённость",
        (Lang::Ru, Row::Location) => "Местоположение",
    }
}

/// "Not known" in `lang`.
pub fn not_known(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Not known",
        Lang::Zh => "不详",
        Lang::Ru => "Неизвестно",
    }
}

/// The rows of a site's details, in display order.
pub fn facts(site: &Site, lang: Lang) -> Vec<Fact> {
    let fact = |row: Row, value: String| Fact {
        label: row_label(row, lang),
        value,
    };
    let mut rows = vec![
        fact(Row::Sector, site.sector.label_in(lang).to_owned()),
        fact(Row::Category, site.category.label_in(lang).to_owned()),
        fact(Row::Countries, site.country_names_in(lang)),
        fact(Row::Status, site.status.label_in(lang).to_owned()),
        fact(Row::Years, years(site, lang)),
    ];
    if let Some(capacity) = &site.capacity {
        rows.push(fact(
            Row::Capacity,
            format!("{} {}", decimal(lang, capacity.value, 2), capacity.unit),
        ));
    }
    rows.push(fact(
        Row::Operator,
        site.operator.as_deref().map_or_else(
            || not_known(lang).to_owned(),
            |o| site.company_in(o, lang).to_owned(),
        ),
    ));
    if !site.partners.is_empty() {
        let separator = if lang == Lang::Zh { "、" } else { ", " };
        let partners: Vec<&str> = site
            .partners
            .iter()
            .map(|p| site.company_in(p, lang))
            .collect();
        rows.push(fact(Row::Partners, partners.join(separator)));
    }
    if let Some(length) = length(site, lang) {
        rows.push(fact(Row::Length, length));
    }
    rows.push(fact(Row::Location, location(site, lang)));
    rows
}

/// Start and completion years in words.
pub fn years(site: &Site, lang: Lang) -> String {
    let event = site.status == Status::Event;
    match (site.start_year, site.completion_year, lang) {
        (Some(a), Some(b), _) if a == b => a.to_string(),
        (Some(a), Some(b), _) => format!("{a}–{b}"),
        (Some(a), None, Lang::En) if event => format!("Held in {a}"),
        (Some(a), None, Lang::Zh) if event => format!("{a}年举行"),
        (Some(a), None, Lang::Ru) if event => format!("Состоялось в {a}{}г.", '\u{a0}'),
        (Some(a), None, Lang::En) => format!("Started {a}; completion not known"),
        (Some(a), None, Lang::Zh) => format!("{a}年开工；完工时间不详"),
        (Some(a), None, Lang::Ru) => format!("Начато в {a}{}г.; завершение неизвестно", '\u{a0}'),
        (None, Some(b), Lang::En) => format!("Completed {b}; start not known"),
        (None, Some(b), Lang::Zh) => format!("{b}年建成；开工时间不详"),
        (None, Some(b), Lang::Ru) => format!("Завершено в {b}{}г.; начало неизвестно", '\u{a0}'),
        (None, None, _) => not_known(lang).to_owned(),
    }
}

/// The length of a route, measured geodesically along the drawn line, with
/// how far the drawing can be trusted. `None` for points.
pub(crate) fn length(site: &Site, lang: Lang) -> Option<String> {
    let SiteGeometry::Line(points) = &site.geometry else {
        return None;
    };
    let km = route_length_km(points);
    let whole = |v: f64| integer(lang, v.round() as i64);
    Some(match (site.category, site.precision, site.precision_km) {
        (Category::AirRoute, ..) => match lang {
            Lang::En => format!("{} km (great circle)", whole(km)),
            Lang::Zh => format!("{}公里（大圆距离）", whole(km)),
            Lang::Ru => format!("{}\u{a0}км (по большому кругу)", whole(km)),
        },
        (_, Precision::Exact, _) => match lang {
            Lang::En => format!("{} km along the route", whole(km)),
            Lang::Zh => format!("沿线{}公里", whole(km)),
            Lang::Ru => format!("{}\u{a0}км по трассе", whole(km)),
        },
        (_, _, radius) => {
            let rounded = whole((km / 10.0).round() * 10.0);
            let radius = radius.map(|r| decimal(lang, r, 1));
            match (lang, radius) {
                (Lang::En, Some(r)) => format!(
                    "About {rounded} km along the drawn route, which is schematic within about {r} km"
                ),
                (Lang::En, None) => {
                    format!("About {rounded} km along the drawn route, which is schematic")
                }
                (Lang::Zh, Some(r)) => format!("按示意线路约{rounded}公里，偏差约{r}公里以内"),
                (Lang::Zh, None) => format!("按示意线路约{rounded}公里"),
                (Lang::Ru, Some(r)) => format!(
                    "Около {rounded}\u{a0}км по схематичной линии, с точностью примерно до {r}\u{a0}км"
                ),
                (Lang::Ru, None) => format!("Около {rounded}\u{a0}км по схематичной линии"),
            }
        }
    })
}

/// How well the map locates the site, in words.
pub(crate) fn location(site: &Site, lang: Lang) -> String {
    match (site.precision, site.precision_km, lang) {
        (Precision::Exact, _, Lang::En) => "Exact: the site itself".to_owned(),
        (Precision::Exact, _, Lang::Zh) => "精确：场址本身".to_owned(),
        (Precision::Exact, _, Lang::Ru) => "Точно: сам объект".to_owned(),
        (Precision::Approximate, Some(km), Lang::En) => {
            format!("Approximate, within about {} km", decimal(lang, km, 1))
        }
        (Precision::Approximate, Some(km), Lang::Zh) => {
            format!("大致位置，偏差约{}公里以内", decimal(lang, km, 1))
        }
        (Precision::Approximate, Some(km), Lang::Ru) => {
            format!(
                "Приблизительно, в пределах около {}\u{a0}км",
                decimal(lang, km, 1)
            )
        }
        (Precision::Approximate, None, Lang::En) => "Approximate".to_owned(),
        (Precision::Approximate, None, Lang::Zh) => "大致位置".to_owned(),
        (Precision::Approximate, None, Lang::Ru) => "Приблизительно".to_owned(),
        (Precision::Symbolic, _, Lang::En) => "Symbolic: stands for a place, not a site".to_owned(),
        (Precision::Symbolic, _, Lang::Zh) => "示意：代表某一地点，而非具体场址".to_owned(),
        (Precision::Symbolic, _, Lang::Ru) => "Условно: обозначает место, а не объект".to_owned(),
    }
}

/// What a source supports, in words: a data field's name in `lang`
/// ("coordinates", "坐标", "координаты"); a field the atlas does not know
/// is shown as written.
pub fn supported_field(field: &str, lang: Lang) -> String {
    let words = match (field, lang) {
        ("coordinates", Lang::En) => "coordinates",
        ("coordinates", Lang::Zh) => "坐标",
        ("coordinates", Lang::Ru) => "координаты",
        ("route", Lang::En) => "route",
        ("route", Lang::Zh) => "线路走向",
        ("route", Lang::Ru) => "маршрут",
        ("capacity", Lang::En) => "capacity",
        ("capacity", Lang::Zh) => "装机容量",
        ("capacity", Lang::Ru) => "мощность",
        ("operator", Lang::En) => "operator",
        ("operator", Lang::Zh) => "运营方",
        ("operator", Lang::Ru) => "оператор",
        ("partners", Lang::En) => "partners",
        ("partners", Lang::Zh) => "合作方",
        ("partners", Lang::Ru) => "партнёры",
        ("status", Lang::En) => "status",
        ("status", Lang::Zh) => "状态",
        ("status", Lang::Ru) => "статус",
        ("start_year", Lang::En) => "start year",
        ("start_year", Lang::Zh) => "开工年份",
        ("start_year", Lang::Ru) => "год начала",
        ("completion_year", Lang::En) => "completion year",
        ("completion_year", Lang::Zh) => "完工年份",
        ("completion_year", Lang::Ru) => "год завершения",
        ("description", Lang::En) => "description",
        ("description", Lang::Zh) => "说明",
        ("description", Lang::Ru) => "описание",
        ("names.zh", Lang::En) => "Chinese name",
        ("names.zh", Lang::Zh) => "中文名称",
        ("names.zh", Lang::Ru) => "китайское название",
        ("names.ru", Lang::En) => "Russian name",
        ("names.ru", Lang::Zh) => "俄文名称",
        ("names.ru", Lang::Ru) => "русское название",
        ("companies.zh", Lang::En) => "a company's Chinese name",
        ("companies.zh", Lang::Zh) => "公司中文名称",
        ("companies.zh", Lang::Ru) => "китайское название компании",
        ("companies.ru", Lang::En) => "a company's Russian name",
        ("companies.ru", Lang::Zh) => "公司俄文名称",
        ("companies.ru", Lang::Ru) => "русское название компании",
        (other, _) => return other.replace('_', " "),
    };
    words.to_owned()
}

/// Whether a URL may become a link: only `http` and `https`.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_links() {
        assert!(is_web_link("https://example.org"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,hi"));
        assert!(!is_web_link("//example.org"));
    }

    #[test]
    fn supported_fields_in_words() {
        assert_eq!(supported_field("start_year", Lang::En), "start year");
        assert_eq!(supported_field("coordinates", Lang::Zh), "坐标");
        assert_eq!(supported_field("names.zh", Lang::Ru), "китайское название");
        assert_eq!(supported_field("companies.ru", Lang::Zh), "公司俄文名称");
        assert_eq!(supported_field("odd_field", Lang::Zh), "odd field");
    }

    #[test]
    fn every_row_label_is_in_each_language() {
        let rows = [
            Row::Sector,
            Row::Category,
            Row::Countries,
            Row::Status,
            Row::Years,
            Row::Capacity,
            Row::Operator,
            Row::Partners,
            Row::Length,
            Row::Location,
        ];
        for row in rows {
            let [en, zh, ru] = Lang::ALL.map(|lang| row_label(row, lang));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
            assert!(
                ru.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                "{en}"
            );
        }
    }
}
