//! Closed vocabularies of the data: each value has one spelling in GeoJSON
//! (`as_str`) and parsing anything else is an error listing what is allowed,
//! and one label per interface language (`label_in`, `name_in`).

use crate::i18n::Lang;

/// The label for `lang` out of one value's `[English, Chinese, Russian]`:
/// each value's arm lists all three, so the compiler checks none is missing.
fn pick(lang: Lang, [en, zh, ru]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
        Lang::Ru => ru,
    }
}

/// Declares a fieldless enum with its GeoJSON spellings, `ALL`, `as_str`
/// and `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in the data files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads a data-file spelling; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The allowed spellings, for error messages.
            pub(crate) fn allowed() -> String {
                [$($text),+].join(", ")
            }
        }
    };
}

vocabulary!(
    /// The report's six achievement sections.
    Sector {
        Trade => "trade",
        Connectivity => "connectivity",
        Energy => "energy",
        Green => "green",
        Development => "development",
        Security => "security",
    }
);

impl Sector {
    /// The sector of an achievements heading in the report ("2. Connectivity").
    pub(crate) fn from_report_title(title: &str) -> Option<Sector> {
        Sector::ALL
            .iter()
            .copied()
            .find(|s| s.as_str().eq_ignore_ascii_case(title.trim()))
    }

    /// English label for the interface.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The label in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        pick(
            lang,
            match self {
                Sector::Trade => ["Trade", "贸易", "Торговля"],
                Sector::Connectivity => ["Connectivity", "互联互通", "Транспортная связанность"],
                Sector::Energy => ["Energy", "能源", "Энергетика"],
                Sector::Green => ["Green energy", "绿色能源", "Зелёная энергетика"],
                Sector::Development => {
                    ["Development", "发展合作", "Сотрудничество в целях развития"]
                }
                Sector::Security => [
                    "Security and diplomacy",
                    "安全与外交",
                    "Безопасность и дипломатия",
                ],
            },
        )
    }
}

vocabulary!(
    /// What kind of thing a site is.
    Category {
        Railway => "railway",
        Highway => "highway",
        Tunnel => "tunnel",
        AirRoute => "air_route",
        OilGas => "oil_gas",
        ThermalPower => "thermal_power",
        GasPower => "gas_power",
        Wind => "wind",
        Solar => "solar",
        Hydro => "hydro",
        Agriculture => "agriculture",
        Security => "security",
        Meeting => "meeting",
        Summit => "summit",
    }
);

impl Category {
    /// English label for the interface.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The label in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        pick(
            lang,
            match self {
                Category::Railway => ["Railway", "铁路", "Железная дорога"],
                Category::Highway => ["Highway", "公路", "Автодорога"],
                Category::Tunnel => ["Tunnel", "隧道", "Тоннель"],
                Category::AirRoute => ["Air route", "航线", "Авиамаршрут"],
                Category::OilGas => ["Oil and gas", "油气", "Нефть и газ"],
                Category::ThermalPower => {
                    ["Thermal power plant", "火电厂", "Тепловая электростанция"]
                }
                Category::GasPower => [
                    "Gas turbine plant",
                    "燃气电站",
                    "Газотурбинная электростанция",
                ],
                Category::Wind => ["Wind farm", "风电场", "Ветроэлектростанция"],
                Category::Solar => ["Solar plant", "光伏电站", "Солнечная электростанция"],
                Category::Hydro => ["Hydropower plant", "水电站", "Гидроэлектростанция"],
                Category::Agriculture => ["Agricultural park", "农业园区", "Агропарк"],
                Category::Security => {
                    ["Security institution", "安全机构", "Структура безопасности"]
                }
                Category::Meeting => ["Ministerial meeting", "部长级会议", "Встреча министров"],
                Category::Summit => ["Summit", "峰会", "Саммит"],
            },
        )
    }

    /// The category's spelling as a CSS class suffix (`air-route`).
    pub(crate) fn css(self) -> String {
        self.as_str().replace('_', "-")
    }
}

vocabulary!(
    /// Where a project stands, as far as the report or a source says.
    Status {
        Operational => "operational",
        UnderConstruction => "under_construction",
        Launched => "launched",
        Planned => "planned",
        Event => "event",
        Unknown => "unknown",
    }
);

impl Status {
    /// English label for the interface.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The label in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        pick(
            lang,
            match self {
                Status::Operational => ["Operational", "已运营", "Действует"],
                Status::UnderConstruction => ["Under construction", "在建", "Строится"],
                Status::Launched => ["Launched", "已启动", "Запущен"],
                Status::Planned => ["Planned", "规划中", "Планируется"],
                Status::Event => ["Event (held)", "已举行", "Состоялось"],
                Status::Unknown => ["Not known", "未知", "Неизвестно"],
            },
        )
    }
}

vocabulary!(
    /// How well a site's coordinates locate the real thing.
    Precision {
        /// The site itself: a plant's own coordinates, a turbine field, a
        /// route traced through the towns and passes it crosses.
        Exact => "exact",
        /// Near the site: a town or area, within `precision_km`.
        Approximate => "approximate",
        /// A place standing for something with no single location (an
        /// institution in a city, a country-wide programme).
        Symbolic => "symbolic",
    }
);

vocabulary!(
    /// ISO 3166-1 alpha-2 codes of the countries the report covers.
    Country {
        China => "CN",
        Kazakhstan => "KZ",
        Kyrgyzstan => "KG",
        Tajikistan => "TJ",
        Turkmenistan => "TM",
        Uzbekistan => "UZ",
    }
);

impl Country {
    /// The English name.
    pub fn name(self) -> &'static str {
        self.name_in(Lang::En)
    }

    /// The name in `lang`. The Russian names are the ones the countries
    /// use themselves (Кыргызстан, Туркменистан, not Киргизия, Туркмения);
    /// see `assets/data/README.md`.
    pub fn name_in(self, lang: Lang) -> &'static str {
        pick(
            lang,
            match self {
                Country::China => ["China", "中国", "Китай"],
                Country::Kazakhstan => ["Kazakhstan", "哈萨克斯坦", "Казахстан"],
                Country::Kyrgyzstan => ["Kyrgyzstan", "吉尔吉斯斯坦", "Кыргызстан"],
                Country::Tajikistan => ["Tajikistan", "塔吉克斯坦", "Таджикистан"],
                Country::Turkmenistan => ["Turkmenistan", "土库曼斯坦", "Туркменистан"],
                Country::Uzbekistan => ["Uzbekistan", "乌兹别克斯坦", "Узбекистан"],
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_round_trips() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Country::parse("KZ"), Some(Country::Kazakhstan));
        assert_eq!(Country::parse("kz"), None, "codes are upper case");
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn report_titles_map_to_sectors() {
        assert_eq!(
            Sector::from_report_title("Connectivity"),
            Some(Sector::Connectivity)
        );
        assert_eq!(Sector::from_report_title(" green "), Some(Sector::Green));
        assert_eq!(Sector::from_report_title("Fishing"), None);
        assert!(Precision::allowed().contains("symbolic"));
    }

    /// Every label of a vocabulary, per language, English first.
    fn labels() -> Vec<(&'static str, Vec<[&'static str; 3]>)> {
        fn each<T: Copy>(all: &[T], label: fn(T, Lang) -> &'static str) -> Vec<[&'static str; 3]> {
            all.iter()
                .map(|v| Lang::ALL.map(|lang| label(*v, lang)))
                .collect()
        }
        vec![
            ("sector", each(Sector::ALL, Sector::label_in)),
            ("category", each(Category::ALL, Category::label_in)),
            ("status", each(Status::ALL, Status::label_in)),
            ("country", each(Country::ALL, Country::name_in)),
        ]
    }

    #[test]
    fn every_value_has_its_own_label_in_each_language() {
        assert_eq!(Lang::ALL, [Lang::En, Lang::Zh, Lang::Ru], "the order below");
        for (vocabulary, values) in labels() {
            for [en, zh, ru] in &values {
                for label in [en, zh, ru] {
                    assert!(
                        !label.trim().is_empty(),
                        "{vocabulary}: empty label for {en}"
                    );
                }
                assert_ne!(zh, en, "{vocabulary}: {en} is not translated into Chinese");
                assert_ne!(ru, en, "{vocabulary}: {en} is not translated into Russian");
                assert!(
                    zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{vocabulary}: {zh} is not Chinese"
                );
                assert!(
                    ru.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
                    "{vocabulary}: {ru} is not Russian"
                );
            }
            // Two values with one label could not be told apart in a legend.
            for (i, lang) in Lang::ALL.into_iter().enumerate() {
                let mut seen: Vec<&str> = values.iter().map(|v| v[i]).collect();
                seen.sort_unstable();
                seen.dedup();
                assert_eq!(
                    seen.len(),
                    values.len(),
                    "{vocabulary}: a label twice in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn the_english_labels_are_the_old_ones() {
        assert_eq!(Sector::Green.label(), "Green energy");
        assert_eq!(Category::AirRoute.label(), "Air route");
        assert_eq!(Status::Event.label(), "Event (held)");
        assert_eq!(Country::Kyrgyzstan.name(), "Kyrgyzstan");
        assert_eq!(Country::Kyrgyzstan.name_in(Lang::Ru), "Кыргызстан");
        assert_eq!(Category::Railway.label_in(Lang::Zh), "铁路");
    }
}

/// Where in the report a passage is: what a site's quote is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPlace {
    Intro,
    Achievement(Sector),
}
