//! The app's reactive state, shared by every component as one `Copy`
//! handle, and the few actions that change several parts at once.

use std::sync::Arc;

use leptos::prelude::*;
use thiserror::Error;
use web_sys::Element;

use crate::i18n::{Lang, choose};
use crate::model::{Sector, Site};
use crate::report::figures::{Figure, TradeChange, figures, trade_change};
use crate::report::story::Story;
use crate::report::{REPORT_TEXT, Report, ReportError};
use crate::userdata::import::{ImportError, Skipped};
use crate::userdata::intake::{DataLink, LinkError, TooLarge, Turn, Turns};
use crate::userdata::overlay::Overlay;
use crate::userdata::status::{Done, Progress};
use crate::userdata::table::FeatureTable;
use crate::userdata::wire::WireError;
use crate::view::filter::{Counts, Filter, Layer, counts, layers};
use crate::view::permalink::{UrlState, View, restore};
use crate::view::search::SearchIndex;
use crate::web;

/// What the side panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Report,
    Filters,
    List,
    Details,
}

/// A file or URL the user brought, as checked by `crate::userdata::import`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedData {
    /// Where it came from, shown with the layer: the file name, or the
    /// link's host and path (`DataLink::label`).
    pub name: String,
    /// The features' ids and properties.
    pub features: FeatureTable,
    pub skipped: Vec<Skipped>,
    pub skipped_count: usize,
    /// Set when the data came from `?data=`: the link keeps it (as given).
    pub url: Option<String>,
    /// The features projected and grouped for the map.
    pub overlay: Arc<Overlay>,
}

/// Where an import stands, for the `aria-live` message.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum ImportStatus {
    #[default]
    Idle,
    Working(Progress),
    Done(Done),
    Failed(DataFailure),
}

/// Why an import or an export did not happen, as a value; its `Display`
/// is the message the user reads.
#[derive(Debug, Clone, PartialEq, Error)]
pub(crate) enum DataFailure {
    #[error("{name} was not loaded: {reason}.")]
    TooLarge { name: String, reason: TooLarge },
    #[error("{name} was not loaded: {reason}.")]
    Invalid { name: String, reason: ImportError },
    /// The browser could not read a picked or dropped file.
    #[error("{name} could not be read: {reason}.")]
    Unreadable { name: String, reason: String },
    /// The import worker broke while checking (it had started: a worker
    /// that cannot start is replaced by the page checking the file).
    #[error("{name} was not loaded: the background import failed: {reason}.")]
    Worker {
        name: String,
        reason: web::WorkerError,
    },
    /// The worker's result could not be read back.
    #[error("{name} was not loaded: the background import's result could not be read ({reason}).")]
    Wire { name: String, reason: WireError },
    #[error(
        "The data link “{raw}” was not loaded: {reason}. The atlas's own sites are unaffected."
    )]
    Link { raw: String, reason: LinkError },
    #[error("The data at {label} was not loaded: {reason}. The atlas's own sites are unaffected.")]
    Fetch {
        label: String,
        reason: web::FetchError,
    },
    #[error("The export failed: {0}.")]
    Export(String),
}

impl DataFailure {
    /// The message in `lang`: the sentence around the reason, and the
    /// reason, in that language. What the browser or the JSON parser said
    /// (in parentheses, or after "not valid JSON:") stays as it said it.
    pub(crate) fn text(&self, lang: Lang) -> String {
        use DataFailure as F;
        // Each reason's English wording is its `Display`, and so is this.
        if lang == Lang::En {
            return self.to_string();
        }
        let zh = lang == Lang::Zh;
        match self {
            F::TooLarge { name, reason } if zh => format!("{name} 未加载：{}。", reason.text(lang)),
            F::TooLarge { name, reason } => format!("{name} не загружен: {}.", reason.text(lang)),
            F::Invalid { name, reason } if zh => format!("{name} 未加载：{}。", reason.text(lang)),
            F::Invalid { name, reason } => format!("{name} не загружен: {}.", reason.text(lang)),
            F::Unreadable { name, reason } if zh => format!("无法读取 {name}：{reason}。"),
            F::Unreadable { name, reason } => format!("Не удалось прочитать {name}: {reason}."),
            F::Worker { name, reason } if zh => {
                format!("{name} 未加载：后台导入出错：{}。", reason.text(lang))
            }
            F::Worker { name, reason } => {
                format!(
                    "{name} не загружен: сбой фонового импорта: {}.",
                    reason.text(lang)
                )
            }
            F::Wire { name, reason } if zh => {
                format!("{name} 未加载：无法读取后台导入的结果（{reason}）。")
            }
            F::Wire { name, reason } => format!(
                "{name} не загружен: не удалось прочитать результат фонового импорта ({reason})."
            ),
            F::Link { raw, reason } if zh => format!(
                "数据链接“{raw}”未加载：{}。地图集自身的地点不受影响。",
                reason.text(lang)
            ),
            F::Link { raw, reason } => format!(
                "Ссылка на данные «{raw}» не загружена: {}. Собственные объекты атласа не затронуты.",
                reason.text(lang)
            ),
            F::Fetch { label, reason } if zh => format!(
                "{label} 的数据未加载：{}。地图集自身的地点不受影响。",
                reason.text(lang)
            ),
            F::Fetch { label, reason } => format!(
                "Данные по адресу {label} не загружены: {}. Собственные объекты атласа не затронуты.",
                reason.text(lang)
            ),
            F::Export(e) if zh => format!("导出失败：{e}。"),
            F::Export(e) => format!("Экспорт не удался: {e}."),
        }
    }
}

/// A request to show a sentence of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reveal {
    pub sentence: String,
    /// Move keyboard focus to it, too.
    pub focus: bool,
}

/// Everything the components share. The sites, legend entries and search
/// index live for the whole session (loaded once, never freed), so they are
/// plain `'static` references.
#[derive(Clone, Copy)]
pub(crate) struct Atlas {
    pub sites: &'static [Site],
    pub layers: &'static [Layer],
    pub search: &'static SearchIndex,
    /// The report as sentences with citations and mentions; `None` if the
    /// report text could not be parsed (the panel says so).
    pub story: Option<&'static Story>,
    /// Why the report text could not be parsed, when it could not.
    pub report_error: Option<&'static ReportError>,
    pub figures: &'static [Figure],
    pub trade: Option<TradeChange>,
    /// A sentence to scroll into view (and mark) in the report.
    pub reveal: RwSignal<Option<Reveal>>,
    pub filter: RwSignal<Filter>,
    /// The legend's live counts, computed once per filter change for every
    /// view that shows them.
    pub counts: Memo<Counts>,
    /// The sector shown alone, if the legend is in that state (the chip and
    /// the report's section filters follow it, not every filter change).
    pub only_sector: Memo<Option<Sector>>,
    /// Index into `sites` of the site whose details are shown.
    pub selected: RwSignal<Option<usize>>,
    /// The map view last reported by the map, or read from the link.
    pub view: RwSignal<Option<View>>,
    /// A view the map must move to (Back/Forward to a link with a view).
    pub view_request: RwSignal<Option<View>>,
    pub tab: RwSignal<Tab>,
    pub panel_open: RwSignal<bool>,
    /// Whether the next selection should move the map to the site; false
    /// when a link restores both a site and a view.
    pub frame_next: StoredValue<bool>,
    /// Set by a user's selection: the details heading takes focus.
    pub focus_details: RwSignal<bool>,
    /// Where focus was before the details opened, to return it on close.
    return_focus: StoredValue<Option<Element>, LocalStorage>,
    /// The tab to go back to when the details close.
    back_tab: StoredValue<Tab>,
    /// Query parameters other parts of the app own, kept in the link.
    pub extra: RwSignal<Vec<(String, String)>>,
    /// The user's own data, if any (one import at a time).
    pub imported: RwSignal<Option<Arc<ImportedData>>>,
    pub imported_visible: RwSignal<bool>,
    /// Per group of the import (`Overlay::groups`): shown or not.
    pub imported_groups: RwSignal<Vec<bool>>,
    /// Index into the imported features of the one whose details show.
    pub selected_import: RwSignal<Option<usize>>,
    pub import_status: RwSignal<ImportStatus>,
    /// Which import is the newest: only its progress and result count.
    import_turns: StoredValue<Turns>,
    /// Stops the running import (its `?data=` fetch, its worker) when a
    /// newer one starts.
    import_abort: StoredValue<Option<web::ImportAbort>, LocalStorage>,
    /// The worker of the import just loaded, which draws it: handed to the
    /// map with `imported` (`take_import_painter`).
    import_painter: StoredValue<Option<web::Painter>, LocalStorage>,
    /// A `?data=` link to another server, with its value as given, waiting
    /// for the user to say whether to load it. Nothing is fetched before.
    pub link_question: RwSignal<Option<(String, DataLink)>>,
    /// The map has drawn the sites: the report view may be built. The map
    /// comes first so that it paints before the long report is laid out.
    pub map_ready: RwSignal<bool>,
    /// A newer build is installed for offline use and waits to take over
    /// (`web::register_offline`): the map offers a reload.
    pub update_ready: RwSignal<bool>,
    /// The browser refused the last write of the address bar; Copy link
    /// still gives the right link (it is built from the state).
    pub link_error: RwSignal<Option<web::HistoryError>>,
    /// The language the reader chose (the switch or the link's `lang=`);
    /// `None` follows the browser's.
    pub lang_choice: RwSignal<Option<Lang>>,
    /// The interface's language: the choice, else the browser's.
    pub lang: Memo<Lang>,
}

impl Atlas {
    /// State for `sites`, restored from the link `query` where it is valid.
    pub(crate) fn new(sites: Vec<Site>, query: &str) -> Atlas {
        let sites: &'static [Site] = Box::leak(sites.into_boxed_slice());
        let layers: &'static [Layer] = Box::leak(layers(sites).into_boxed_slice());
        let search: &'static SearchIndex = Box::leak(Box::new(SearchIndex::new(sites)));
        let (story, report_error) = match Report::parse(REPORT_TEXT) {
            Ok(report) => (
                Some(&*Box::leak(Box::new(Story::build(&report, sites)))),
                None,
            ),
            Err(e) => (None, Some(&*Box::leak(Box::new(e)))),
        };
        let figures: &'static [Figure] =
            Box::leak(story.map(figures).unwrap_or_default().into_boxed_slice());
        let trade = story.and_then(|s| trade_change(s, figures));
        let restored = restore(query, sites, layers);
        let selected = restored.site.as_deref().and_then(|id| index_of(sites, id));
        let filter = RwSignal::new(restored.filter);
        let browser = web::browser_languages();
        let lang_choice = RwSignal::new(restored.lang);
        Atlas {
            sites,
            layers,
            search,
            story,
            report_error,
            figures,
            trade,
            reveal: RwSignal::new(None),
            filter,
            counts: Memo::new(move |_| filter.with(|f| counts(f, sites))),
            only_sector: Memo::new(move |_| filter.with(|f| f.only_sector_shown(layers))),
            selected: RwSignal::new(selected),
            view: RwSignal::new(restored.view),
            view_request: RwSignal::new(None),
            tab: RwSignal::new(if selected.is_some() {
                Tab::Details
            } else {
                Tab::Report
            }),
            panel_open: RwSignal::new(true),
            frame_next: StoredValue::new(restored.view.is_none()),
            focus_details: RwSignal::new(false),
            return_focus: StoredValue::new_local(None),
            back_tab: StoredValue::new(Tab::Report),
            extra: RwSignal::new(restored.extra),
            imported: RwSignal::new(None),
            imported_visible: RwSignal::new(true),
            imported_groups: RwSignal::new(Vec::new()),
            selected_import: RwSignal::new(None),
            import_status: RwSignal::new(ImportStatus::Idle),
            import_turns: StoredValue::new(Turns::default()),
            import_abort: StoredValue::new_local(None),
            import_painter: StoredValue::new_local(None),
            link_question: RwSignal::new(None),
            map_ready: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            link_error: RwSignal::new(None),
            lang_choice,
            lang: Memo::new(move |_| lang_choice.get().unwrap_or_else(|| choose(None, &browser))),
        }
    }

    /// Starts an import (file, drop or link): from now on an earlier one's
    /// progress and result are dropped, its fetch (if any) and its worker
    /// are stopped and an unanswered link question is withdrawn. `abort`
    /// stops this one when a newer one starts.
    pub(crate) fn begin_import(self, abort: Option<web::ImportAbort>) -> Turn {
        let turn = self
            .import_turns
            .try_update_value(|turns| turns.start())
            .unwrap_or_else(|| Turns::default().start());
        let earlier = self.import_abort.try_update_value(|slot| {
            let earlier = slot.take();
            *slot = abort;
            earlier
        });
        if let Some(earlier) = earlier.flatten() {
            earlier.abort();
        }
        self.link_question.set(None);
        turn
    }

    /// Keeps the worker that will draw the import about to be shown.
    pub(crate) fn set_import_painter(self, painter: Option<web::Painter>) {
        self.import_painter.set_value(painter);
    }

    /// The worker that draws the import just shown, if it has one.
    pub(crate) fn take_import_painter(self) -> Option<web::Painter> {
        self.import_painter.try_update_value(Option::take).flatten()
    }

    /// Whether `turn` is still the newest import.
    pub(crate) fn is_current(self, turn: Turn) -> bool {
        self.import_turns
            .try_with_value(|turns| turns.is_latest(turn))
            .unwrap_or(false)
    }

    /// Shows `status` for `turn`'s import, unless a newer one has started.
    /// Returns whether it is still current.
    pub(crate) fn report(self, turn: Turn, status: ImportStatus) -> bool {
        let current = self.is_current(turn);
        if current {
            self.import_status.set(status);
        }
        current
    }

    /// Opens the details of `index`, frames it on the map and moves focus
    /// into the panel, remembering where focus was.
    pub(crate) fn select(self, index: usize) {
        self.remember_origin();
        self.frame_next.set_value(true);
        self.selected_import.set(None);
        self.selected.set(Some(index));
        self.show_details();
    }

    /// Before details open: the view to go back to, and (unless details
    /// are already open) the element to give focus back to.
    fn remember_origin(self) {
        if self.tab.get_untracked() != Tab::Details {
            self.back_tab.set_value(self.tab.get_untracked());
        }
        if self.selected.get_untracked().is_none() && self.selected_import.get_untracked().is_none()
        {
            self.return_focus.set_value(web::active_element());
        }
    }

    /// Shows the details view, with focus moving to its heading.
    fn show_details(self) {
        self.tab.set(Tab::Details);
        self.panel_open.set(true);
        self.focus_details.set(true);
    }

    /// Opens the details of imported feature `index`.
    pub(crate) fn select_imported(self, index: usize) {
        self.remember_origin();
        self.selected.set(None);
        self.selected_import.set(Some(index));
        self.show_details();
    }

    /// A site chosen on the map: while the report is open, it stays open
    /// and shows the sentences citing the site; otherwise the details open.
    pub(crate) fn select_on_map(self, index: usize) {
        if self.tab.get_untracked() != Tab::Report {
            self.select(index);
            return;
        }
        if self.selected.get_untracked().is_none() {
            self.return_focus.set_value(web::active_element());
        }
        self.frame_next.set_value(true);
        self.selected.set(Some(index));
        self.panel_open.set(true);
        let first = self
            .story
            .and_then(|story| story.citing(index).first().map(|s| s.id.clone()));
        if let Some(sentence) = first {
            self.reveal.set(Some(Reveal {
                sentence,
                focus: true,
            }));
        }
    }

    /// Opens the report at `sentence`, marking it.
    pub(crate) fn show_in_report(self, sentence: String) {
        self.tab.set(Tab::Report);
        self.panel_open.set(true);
        self.reveal.set(Some(Reveal {
            sentence,
            focus: true,
        }));
    }

    /// Clears the selection and gives focus back to where it was; the
    /// details view, if open, returns to the view it came from.
    pub(crate) fn close_details(self) {
        if self.selected.get_untracked().is_none() && self.selected_import.get_untracked().is_none()
        {
            return;
        }
        self.selected.set(None);
        self.selected_import.set(None);
        self.reveal.set(None);
        if self.tab.get_untracked() == Tab::Details {
            self.tab.set(self.back_tab.get_value());
        }
        if let Some(element) = self.return_focus.get_value() {
            web::focus_element(&element);
        }
        self.return_focus.set_value(None);
    }

    /// Applies a link's state (Back and Forward): filters, selection and,
    /// if the link has one, the view. Nothing is pushed to history.
    pub(crate) fn apply_link(self, query: &str) {
        let restored = restore(query, self.sites, self.layers);
        let selected = restored
            .site
            .as_deref()
            .and_then(|id| index_of(self.sites, id));
        self.frame_next.set_value(restored.view.is_none());
        self.filter.set(restored.filter);
        self.lang_choice.set(restored.lang);
        self.selected.set(selected);
        if selected.is_some() && self.tab.get_untracked() != Tab::Report {
            self.tab.set(Tab::Details);
        } else if selected.is_none() && self.tab.get_untracked() == Tab::Details {
            self.tab.set(self.back_tab.get_value());
        }
        if restored.view.is_some() {
            self.view.set(restored.view);
            self.view_request.set(restored.view);
        }
    }

    /// Shows every site again.
    pub(crate) fn reset_filters(self) {
        self.filter.set(Filter::default());
    }

    /// The link for the current state.
    /// The state a link carries, read without tracking (for a click).
    pub(crate) fn link_state_untracked(self) -> UrlState {
        untrack(|| self.link_state())
    }

    pub(crate) fn link_state(self) -> UrlState {
        UrlState {
            filter: self.filter.get(),
            site: self
                .selected
                .get()
                .and_then(|i| self.sites.get(i))
                .map(|s| s.id.clone()),
            view: self.view.get(),
            lang: self.lang_choice.get(),
            extra: self.extra.get(),
        }
    }
}

fn index_of(sites: &[Site], id: &str) -> Option<usize> {
    sites.iter().position(|s| s.id == id)
}
