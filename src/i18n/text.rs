//! The interface's fixed strings in English, Chinese and Russian: one
//! catalogue (`catalogue!`), so a key without all three languages does not
//! compile. Strings that carry numbers or names are functions below it,
//! one `match` per language. The report itself stays in English.

use super::Lang;
use super::format::{integer, ru_plural};

/// Declares the keys and their three texts; `T::text` picks one.
macro_rules! catalogue {
    ($( $key:ident => [$en:expr, $zh:expr, $ru:expr $(,)?] ),+ $(,)?) => {
        /// A fixed string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $( $key ),+ }

        impl T {
            pub const ALL: &'static [T] = &[$( T::$key ),+];

            /// The string in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $( T::$key => match lang {
                        Lang::En => $en,
                        Lang::Zh => $zh,
                        Lang::Ru => $ru,
                    }, )+
                }
            }
        }
    };
}

catalogue! {
    // The page and the panel's frame.
    SkipToMap => ["Skip to the map", "跳到地图", "Перейти к карте"],
    PanelLabel => ["Atlas panel", "地图集面板", "Панель атласа"],
    HidePanel => ["Hide panel", "隐藏面板", "Скрыть панель"],
    ShowPanel => ["Show panel", "显示面板", "Показать панель"],
    PanelViews => ["Panel views", "面板视图", "Разделы панели"],
    TabReport => ["Report", "报告", "Доклад"],
    TabFilters => ["Key & filters", "图例与筛选", "Легенда и фильтры"],
    TabDetails => ["Details", "详情", "Детали"],
    Language => ["Language", "语言", "Язык"],
    CopyLink => ["Copy link", "复制链接", "Копировать ссылку"],
    CopyLinkTitle => ["Copy a link to this view", "复制当前视图的链接", "Скопировать ссылку на этот вид"],
    LinkCopied => ["Link copied", "链接已复制", "Ссылка скопирована"],
    CopyThisLink => ["Copy this link:", "请复制此链接：", "Скопируйте эту ссылку:"],
    LinkToView => ["Link to this view", "当前视图的链接", "Ссылка на этот вид"],
    Close => ["Close", "关闭", "Закрыть"],
    RemoveFilter => ["Remove filter", "取消筛选", "Снять фильтр"],
    Layers => ["Layers", "图层", "Слои"],
    OpenFullAtlas => ["Open the full atlas", "打开完整地图集", "Открыть полный атлас"],
    DetailsInFullAtlas => ["Details in the full atlas", "在完整地图集中查看详情", "Подробнее в полном атласе"],
    EmbedKey => ["Sectors shown", "显示的领域", "Показанные отрасли"],
    Embed => ["Embed", "嵌入", "Встроить"],
    MapImage => ["Map image", "地图图片", "Изображение карты"],
    DrawingImage => ["Drawing the image…", "正在生成图片…", "Изображение рисуется…"],
    ImageSaved => ["The image is downloaded.", "图片已下载。", "Изображение загружено."],
    CreditPlaces => ["Places: GeoNames (CC BY).", "地名：GeoNames（CC BY）。", "Населённые пункты: GeoNames (CC BY)."],
    UpdateReady => [
        "A newer version of the atlas is ready.",
        "地图集有新版本可用。",
        "Готова новая версия атласа.",
    ],
    Reload => ["Reload", "重新加载", "Перезагрузить"],
    DropToAdd => ["Drop a GeoJSON file to add it to the map", "拖放 GeoJSON 文件，将其添加到地图", "Перетащите файл GeoJSON, чтобы добавить его на карту"],
    EmbedSnippet => [
        "Paste this into a web page to show this view of the map:",
        "将以下代码粘贴到网页中，即可显示地图的当前视图：",
        "Вставьте этот код в веб-страницу, чтобы показать этот вид карты:",
    ],
    CopySnippet => ["Copy code", "复制代码", "Копировать код"],
    SnippetCopied => ["Copied", "已复制", "Скопировано"],
    Timeline => ["Timeline: the sites as of a year", "时间轴：某一年时的地点", "Хронология: объекты на выбранный год"],
    Play => ["Play", "播放", "Воспроизвести"],
    Pause => ["Pause", "暂停", "Пауза"],
    // About and credits.
    AboutOffline => [
        "The map works offline: its basemap is built in. Street-level OpenStreetMap tiles can be switched on from the layers button when you are online.",
        "地图可离线使用：底图已内置。联网时，可通过图层按钮开启 OpenStreetMap 街道级瓦片。",
        "Карта работает без интернета: основа карты встроена. Подробные тайлы OpenStreetMap можно включить кнопкой слоёв, когда есть связь.",
    ],
    Credits => ["Credits", "致谢", "Источники"],
    CreditReport => [
        "Report: Xinhua Institute, as summarised in an English newsletter.",
        "报告：新华研究院，据一份英文简报摘要。",
        "Доклад: Институт Синьхуа, в изложении англоязычного бюллетеня.",
    ],
    CreditOutlines => [
        "Country outlines: Natural Earth 1:50m (public domain), via the world-atlas package.",
        "国界轮廓：Natural Earth 1:50m（公有领域），经 world-atlas 软件包。",
        "Границы стран: Natural Earth 1:50m (общественное достояние), через пакет world-atlas.",
    ],
    CreditMap => [
        "Map library: Leaflet. Optional tiles: © OpenStreetMap contributors.",
        "地图库：Leaflet。可选瓦片：© OpenStreetMap 贡献者。",
        "Картографическая библиотека: Leaflet. Дополнительные тайлы: © участники OpenStreetMap.",
    ],
    // Details.
    SelectASite => ["Select a site on the map, in the list or by searching.", "请在地图上、列表中或通过搜索选择一个地点。", "Выберите объект на карте, в списке или через поиск."],
    YourData => ["Your data: ", "您的数据：", "Ваши данные: "],
    FromYourData => ["From your data: ", "来自您的数据：", "Из ваших данных: "],
    NoProperties => ["This feature has no properties.", "该要素没有属性。", "У этого объекта нет свойств."],
    CloseDetails => ["Close details", "关闭详情", "Закрыть подробности"],
    AlsoCalled => ["Also called: ", "又称：", "Другие названия: "],
    HiddenByFilters => ["This site is hidden by the current filters.", "该地点被当前筛选条件隐藏。", "Этот объект скрыт текущими фильтрами."],
    ReportIntroduction => ["the report's introduction", "报告引言", "введение доклада"],
    TheReportSection => ["the report, ", "报告，", "доклад, раздел "],
    InTheReport => ["In the report", "报告原文", "В докладе"],
    ShowInReport => ["Show in the report", "在报告中查看", "Показать в докладе"],
    CitedWith => ["Cited with: ", "一同提及：", "Упоминается вместе с: "],
    AlsoAtThisPoint => ["Also at this point", "同一位置的其他地点", "В этой же точке"],
    Sources => ["Sources", "来源", "Источники"],
    SourceFor => [" — for ", " — 用于：", " — для: "],
    // The report view.
    ReportUnreadable => [
        "The report's text could not be read, so it cannot be shown here. The map and its data are unaffected.",
        "无法读取报告文本，因此无法在此显示。地图及其数据不受影响。",
        "Текст доклада не удалось прочитать, поэтому он здесь не показан. Карта и её данные в порядке.",
    ],
    Released => [" · released ", " · 发布于 ", " · опубликован "],
    AsSummarised => [" · as summarised in an English-language newsletter", " · 据一份英文简报摘要", " · в изложении англоязычного бюллетеня"],
    ReportInEnglish => [
        "The report is shown in its English version, as published; it is not translated here.",
        "报告以其发布时的英文版本显示，此处不作翻译。",
        "Доклад показан в английской версии, как он опубликован; здесь он не переводится.",
    ],
    FullDetails => ["Full details", "完整详情", "Все подробности"],
    ClearSelection => ["Clear selection", "取消选择", "Снять выбор"],
    KeyFigures => ["Key figures", "关键数据", "Ключевые цифры"],
    AYear => [" a year", "/年", " в год"],
    TradeTitle => ["China's trade with Central Asia", "中国与中亚贸易额", "Торговля Китая с Центральной Азией"],
    // Your data: import and export.
    YourDataTitle => ["Your data", "您的数据", "Ваши данные"],
    ImportGeoJson => ["Import GeoJSON…", "导入 GeoJSON…", "Загрузить GeoJSON…"],
    ExportGeoJson => ["Export GeoJSON", "导出 GeoJSON", "Выгрузить GeoJSON"],
    ExportCsv => ["Export CSV", "导出 CSV", "Выгрузить CSV"],
    DropHint => [
        "Or drop a GeoJSON file (up to 64 MiB) on the map. Exports hold the sites now shown.",
        "也可将 GeoJSON 文件（最大 64 MiB）拖放到地图上。导出内容为当前显示的地点。",
        "Или перетащите файл GeoJSON (до 64 МиБ) на карту. В выгрузку попадают объекты, показанные сейчас.",
    ],
    ShowNamed => ["Show ", "显示", "Показать: "],
    Remove => ["Remove", "移除", "Убрать"],
    LinkWantsData => ["This link wants to load data from ", "此链接要从以下服务器加载数据：", "Эта ссылка хочет загрузить данные с сервера "],
    LoadIt => [". Load it?", "。是否加载？", ". Загрузить?"],
    LinkQuestionNote => [
        "Your browser will then request it from that server. Data you load is shown as your data, not the report's.",
        "加载后，您的浏览器将向该服务器请求数据。加载的数据显示为您的数据，而非报告中的内容。",
        "Тогда ваш браузер запросит их с этого сервера. Загруженные данные показываются как ваши, а не как данные доклада.",
    ],
    Load => ["Load", "加载", "Загрузить"],
    DontLoad => ["Don't load", "不加载", "Не загружать"],
    VisibleSites => ["Visible sites", "显示的地点", "Показанные объекты"],
    // The key and its filters.
    ShowAll => ["Show all", "全部显示", "Показать все"],
    HideAll => ["Hide all", "全部隐藏", "Скрыть все"],
    ResetFilters => ["Reset filters", "重置筛选", "Сбросить фильтры"],
    NoSiteMatches => ["No site matches these filters.", "没有符合这些筛选条件的地点。", "Ни один объект не подходит под эти фильтры."],
    Country => ["Country", "国家", "Страна"],
    Status => ["Status", "状态", "Статус"],
    NoneTickedAny => [" (none ticked = any)", "（不勾选 = 全部）", " (ничего не отмечено = любые)"],
    Years => ["Years", "年份", "Годы"],
    YearsFrom => ["From ", "从 ", "С "],
    YearsTo => [" to ", " 到 ", " по "],
    YearsNarrowed => [
        "Sites with no known year are hidden while the range is narrowed.",
        "缩小年份范围时，年份不详的地点将被隐藏。",
        "Пока диапазон сужен, объекты без известного года скрыты.",
    ],
    // Search.
    SearchSites => ["Search sites", "搜索地点", "Поиск объектов"],
    SearchPlaceholder => ["Search sites, places, companies…", "搜索地点、地名、企业…", "Поиск объектов, мест, компаний…"],
    SearchResults => ["Search results", "搜索结果", "Результаты поиска"],
    NoSiteMatchesSearch => ["No site matches.", "没有匹配的地点。", "Ничего не найдено."],
    // The map.
    MapLabel => ["Map of China and Central Asia", "中国与中亚地图", "Карта Китая и Центральной Азии"],
    MapFailed => ["The map could not be shown: ", "无法显示地图：", "Карту не удалось показать: "],
    Dismiss => ["Dismiss", "关闭", "Закрыть"],
    TilesFailed => [
        "OpenStreetMap tiles could not be loaded (you may be offline). The built-in basemap is still shown.",
        "无法加载 OpenStreetMap 瓦片（可能处于离线状态）。内置底图仍然显示。",
        "Тайлы OpenStreetMap не загрузились (возможно, нет связи). Встроенная основа карты по-прежнему видна.",
    ],
    DataFailed => [
        "Some of the atlas's data could not be loaded; everything else works.",
        "地图集的部分数据无法加载；其余功能正常。",
        "Часть данных атласа не загрузилась; всё остальное работает.",
    ],
    YearsAll => ["All years, and sites with no known year.", "所有年份，包括年份不详的地点。", "Все годы, включая объекты без известного года."],
}

/// The atlas's name (the page's title and the panel's heading). Not a
/// catalogue key: the first map names its frame with it before the app,
/// and should not carry the whole catalogue.
pub fn app_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "China–Central Asia Cooperation Atlas",
        Lang::Zh => "中国—中亚合作地图集",
        Lang::Ru => "Атлас сотрудничества Китая и Центральной Азии",
    }
}

/// The first map's note while the app loads.
pub fn app_loading(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The report, the list of sites and search are loading…",
        Lang::Zh => "报告、地点列表和搜索功能正在加载…",
        Lang::Ru => "Доклад, список объектов и поиск загружаются…",
    }
}

/// The list tab: "Sites (35)".
pub fn sites_tab(lang: Lang, count: usize) -> String {
    let n = integer(lang, count as i64);
    match lang {
        Lang::En => format!("Sites ({n})"),
        Lang::Zh => format!("地点（{n}）"),
        Lang::Ru => format!("Объекты ({n})"),
    }
}

/// The status line: "Showing 12 of 35 sites".
pub fn showing(lang: Lang, shown: usize, total: usize) -> String {
    let (s, t) = (integer(lang, shown as i64), integer(lang, total as i64));
    match lang {
        Lang::En => format!("Showing {s} of {t} sites"),
        Lang::Zh => format!("显示 {t} 个地点中的 {s} 个"),
        Lang::Ru => format!(
            "Показано {s} из {t} {}",
            ru_plural(total as u64, "объекта", "объектов", "объектов")
        ),
    }
}

/// The chip while one sector is shown: "Only Energy".
pub fn only_sector(lang: Lang, sector: &str) -> String {
    match lang {
        Lang::En => format!("Only {sector}"),
        Lang::Zh => format!("仅{sector}"),
        Lang::Ru => format!("Только: {sector}"),
    }
}

/// A search hit by country: "in Kazakhstan".
/// The name of an imported layer's list of groups.
pub fn import_groups(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Groups of {name} by sector"),
        Lang::Zh => format!("{name} 按领域分组"),
        Lang::Ru => format!("Группы {name} по отраслям"),
    }
}

/// The timeline's year: "As of 2019"; at the data's last year, every
/// site.
pub fn as_of_year(lang: Lang, year: u16, last: bool) -> String {
    match (lang, last) {
        (Lang::En, false) => format!("As of {year}"),
        (Lang::En, true) => format!("As of {year}: all sites"),
        (Lang::Zh, false) => format!("截至{year}年"),
        (Lang::Zh, true) => format!("截至{year}年：全部地点"),
        (Lang::Ru, false) => format!("На {year} год"),
        (Lang::Ru, true) => format!("На {year} год: все объекты"),
    }
}

/// The map image could not be made.
pub fn picture_failed(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("No image: {error}."),
        Lang::Zh => format!("无法生成图片：{error}。"),
        Lang::Ru => format!("Изображение не получилось: {error}."),
    }
}

/// Under a long list of imported features.
pub fn imported_listed(lang: Lang, listed: usize, total: usize) -> String {
    let (l, t) = (integer(lang, listed as i64), integer(lang, total as i64));
    match lang {
        Lang::En => {
            format!("The first {l} of {t} features shown are listed; click the map for the others.")
        }
        Lang::Zh => format!("此处列出所显示的 {t} 个要素中的前 {l} 个；其余请在地图上点击。"),
        Lang::Ru => format!(
            "Здесь перечислены первые {l} из {t} показанных объектов; остальные выбирайте на карте."
        ),
    }
}

pub fn in_country(lang: Lang, country: &str) -> String {
    match lang {
        Lang::En => format!("in {country}"),
        Lang::Zh => format!("位于{country}"),
        Lang::Ru => format!("страна: {country}"),
    }
}

/// A note that part of the map is missing.
pub fn map_part_missing(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("Part of the map is missing: {error}."),
        Lang::Zh => format!("地图的一部分缺失：{error}。"),
        Lang::Ru => format!("Часть карты не показана: {error}."),
    }
}

/// How many of the report's sentences cite the selected site.
pub fn cited_sentences(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::En, 0) => "Not named in the report's text.".to_owned(),
        (Lang::En, 1) => "Its sentence is marked below.".to_owned(),
        (Lang::En, n) => format!("Its {n} sentences are marked below."),
        (Lang::Zh, 0) => "报告正文未提及。".to_owned(),
        (Lang::Zh, n) => format!("下文已标出提及它的{n}个句子。"),
        (Lang::Ru, 0) => "В тексте доклада не назван.".to_owned(),
        (Lang::Ru, 1) => "Упоминающее его предложение отмечено ниже.".to_owned(),
        (Lang::Ru, n) => format!(
            "Ниже отмечены {n} {}, где он упоминается.",
            ru_plural(n as u64, "предложение", "предложения", "предложений")
        ),
    }
}

/// A section's map button and its title: ("Map: only Energy", "Show only
/// Energy sites on the map").
pub fn map_only(lang: Lang, sector: &str) -> (String, String) {
    match lang {
        Lang::En => (
            format!("Map: only {sector}"),
            format!("Show only {sector} sites on the map"),
        ),
        Lang::Zh => (
            format!("地图：仅{sector}"),
            format!("在地图上只显示{sector}领域的地点"),
        ),
        Lang::Ru => (
            format!("Карта: только {sector}"),
            format!("Показать на карте только раздел «{sector}»"),
        ),
    }
}

/// A mention's title: "Show Bash wind farm on the map", or for several
/// sites "On the map: A; B (opens the first)".
pub fn show_on_map(lang: Lang, names: &[String]) -> String {
    let list = names.join("; ");
    match (lang, names.len() > 1) {
        (Lang::En, false) => format!("Show {list} on the map"),
        (Lang::En, true) => format!("On the map: {list} (opens the first)"),
        (Lang::Zh, false) => format!("在地图上显示{list}"),
        (Lang::Zh, true) => format!("在地图上：{list}（打开第一个）"),
        (Lang::Ru, false) => format!("Показать на карте: {list}"),
        (Lang::Ru, true) => format!("На карте: {list} (откроется первый)"),
    }
}

/// A count badge's name: "5 sites here: A (Wind farm); B (Solar plant).
/// Zoom in to show them."
pub fn badge_label(lang: Lang, members: &[String]) -> String {
    let list = members.join("; ");
    let n = members.len();
    match lang {
        Lang::En => format!("{n} sites here: {list}. Zoom in to show them."),
        Lang::Zh => format!("此处有{n}个地点：{list}。放大地图即可分别显示。"),
        Lang::Ru => format!(
            "Здесь {n} {}: {list}. Приблизьте карту, чтобы увидеть их.",
            ru_plural(n as u64, "объект", "объекта", "объектов")
        ),
    }
}

/// The first map's note on a clicked site, before the app has loaded.
pub fn details_soon(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name}: its details open as soon as the atlas has loaded."),
        Lang::Zh => format!("{name}：地图集加载完成后即显示详情。"),
        Lang::Ru => format!("{name}: подробности откроются, как только атлас загрузится."),
    }
}

/// The map's zoom buttons' names: (in, out). A function of its own, not
/// catalogue keys: the first map names them too, and should not carry
/// the whole catalogue.
pub fn zoom_titles(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Zoom in", "Zoom out"),
        Lang::Zh => ("放大", "缩小"),
        Lang::Ru => ("Приблизить", "Отдалить"),
    }
}

/// The about text: before the report's title, the title (and whether it
/// is the English one, to be marked so), after it.
pub fn about_lede(lang: Lang) -> (&'static str, &'static str, bool, &'static str) {
    const TITLE: &str = "Championing the China–Central Asia Spirit";
    match lang {
        Lang::En => (
            "The projects and places named in the Xinhua Institute report “",
            TITLE,
            true,
            "” (2025), across Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and China. Filled markers and solid lines are placed exactly; hollow markers and dashed lines are approximate (hover or select one to see how far off it may be); dashed rings stand for a place, not a site.",
        ),
        Lang::Zh => (
            "新华研究院报告《",
            "弘扬“中国—中亚精神”",
            false,
            "》（2025年）提及的项目与地点，分布于哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦、土库曼斯坦、乌兹别克斯坦和中国。实心标记和实线为精确位置；空心标记和虚线为大致位置（悬停或选中可查看可能的偏差范围）；虚线圆环代表某一地点，而非具体场址。",
        ),
        Lang::Ru => (
            "Проекты и места, названные в докладе Института Синьхуа «",
            TITLE,
            true,
            "» (2025) — в Казахстане, Кыргызстане, Таджикистане, Туркменистане, Узбекистане и Китае. Заполненные значки и сплошные линии стоят точно; полые значки и пунктирные линии — приблизительно (наведите или выберите, чтобы увидеть возможную погрешность); пунктирные кольца обозначают место, а не объект.",
        ),
    }
}

/// A note that the address bar could not be written.
pub fn link_note(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("Note: {error}. Copy link still gives the right link. "),
        Lang::Zh => format!("注意：{error}。“复制链接”仍会给出正确的链接。"),
        Lang::Ru => {
            format!("Внимание: {error}. Кнопка «Копировать ссылку» всё равно даёт верную ссылку. ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_three_different_texts() {
        for key in T::ALL {
            let [en, zh, ru] = Lang::ALL.map(|lang| key.text(lang));
            assert!(!en.trim().is_empty(), "{key:?}");
            assert_ne!(en, zh, "{key:?} has no Chinese of its own");
            assert_ne!(en, ru, "{key:?} has no Russian of its own");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key:?} in Chinese: {zh}"
            );
            assert!(
                ru.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                "{key:?} in Russian: {ru}"
            );
        }
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(sites_tab(Lang::Zh, 35), "地点（35）");
        assert_eq!(showing(Lang::En, 12, 35), "Showing 12 of 35 sites");
        assert_eq!(showing(Lang::Ru, 21, 21), "Показано 21 из 21 объекта");
        assert_eq!(showing(Lang::Ru, 12, 35), "Показано 12 из 35 объектов");
        assert_eq!(showing(Lang::Zh, 12, 35), "显示 35 个地点中的 12 个");
    }
}
