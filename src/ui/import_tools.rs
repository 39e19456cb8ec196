//! The user's data in the key: import by file, drop or `?data=` link with
//! progress and reasons, the imported layer's entry with its groups, and
//! export of the visible sites.

use std::cell::Cell;
use std::sync::Arc;

use leptos::{ev, html::Input, prelude::*, task::spawn_local};

use super::state::{Atlas, DataFailure, ImportStatus, ImportedData};
use crate::i18n::text::{T, import_groups};
use crate::model::Site;
use crate::userdata::export::{to_csv, to_geojson};
use crate::userdata::import::{CHECK_SLICE, Importer, MAX_BYTES};
use crate::userdata::intake::{DataLink, FETCH_TIME_LIMIT_SECS, LinkError, Turn, check_size, plan};
use crate::userdata::loaded::{Loaded, Outcome};
use crate::userdata::status::{Done, Progress, skipped_line, skipped_more, skipped_summary};
use crate::userdata::wire::decode;
use crate::web;

/// "Loaded 12 features from x.geojson; 2 skipped."
pub(crate) fn summary(data: &ImportedData) -> Done {
    Done::Loaded {
        count: data.features.len(),
        name: data.name.clone(),
        skipped: data.skipped_count,
    }
}

/// "Drawing 12 features from x.geojson…": loaded, not yet on the map.
pub(crate) fn drawing(data: &ImportedData) -> Progress {
    Progress::Drawing {
        count: data.features.len(),
        name: data.name.clone(),
    }
}

fn checked(done: usize, total: usize, name: &str) -> Progress {
    Progress::Checked {
        done,
        total,
        name: name.to_owned(),
    }
}

fn reading(name: &str) -> Progress {
    Progress::Reading {
        name: name.to_owned(),
    }
}

fn fetching(label: &str, bytes: Option<usize>) -> Progress {
    Progress::Fetching {
        label: label.to_owned(),
        bytes,
    }
}

/// Checks `bytes` in the import worker `worker` (started while the bytes
/// were on their way), reporting its progress, then hands the result to
/// the map. If the worker cannot start, the page checks the bytes itself
/// (`check_on_page`), saying so. A rejected file changes nothing but the
/// message. Stops, showing nothing, as soon as a newer import has started
/// (which also terminates the worker).
pub(crate) async fn run_import(
    atlas: Atlas,
    turn: Turn,
    name: String,
    bytes: web::Bytes,
    url: Option<String>,
    worker: Result<web::ImportWorker, web::WorkerError>,
) {
    if !atlas.report(turn, ImportStatus::Working(reading(&name))) {
        return;
    }
    let (outcome, painter) = match worker {
        Ok(worker) => match follow(atlas, turn, &name, &worker, Some(bytes)).await {
            // The worker keeps the features and draws them for the map.
            Followed::Outcome(outcome) => (*outcome, Some(worker.into_painter())),
            Followed::Superseded => return,
            Followed::Failed(failure) => {
                atlas.report(turn, ImportStatus::Failed(failure));
                return;
            }
            Followed::NotStarted(reason, bytes) => {
                drop(worker);
                let Some(bytes) = bytes else {
                    return;
                };
                match check_on_page(atlas, turn, &name, &bytes, &reason).await {
                    Some(outcome) => (outcome, None),
                    None => return,
                }
            }
        },
        Err(reason) => match check_on_page(atlas, turn, &name, &bytes, &reason).await {
            Some(outcome) => (outcome, None),
            None => return,
        },
    };
    finish(atlas, turn, name, url, outcome, painter);
}

/// A `?data=` link to the atlas's own server, fetched and checked in the
/// worker (`ImportWorker::fetch`, asked already), its progress reported;
/// if the worker cannot start, the page fetches and checks it itself.
async fn run_linked(
    atlas: Atlas,
    turn: Turn,
    raw: String,
    link: DataLink,
    abort: web::ImportAbort,
    worker: web::ImportWorker,
) {
    let label = link.label.clone();
    if !atlas.report(turn, ImportStatus::Working(fetching(&label, None))) {
        return;
    }
    match follow(atlas, turn, &label, &worker, None).await {
        Followed::Outcome(outcome) => {
            let painter = Some(worker.into_painter());
            finish(atlas, turn, label, Some(raw), *outcome, painter);
        }
        Followed::Superseded => {}
        Followed::Failed(failure) => {
            atlas.report(turn, ImportStatus::Failed(failure));
        }
        Followed::NotStarted(reason, _) => {
            drop(worker);
            fetch_on_page(atlas, turn, raw, link, abort, Err(reason)).await;
        }
    }
}

/// How following a worker ended.
enum Followed {
    Outcome(Box<Outcome>),
    /// A newer import took over.
    Superseded,
    /// It never started: the bytes it was to get (if any) are still the
    /// page's.
    NotStarted(web::WorkerError, Option<web::Bytes>),
    /// The fetch or the worker failed.
    Failed(DataFailure),
}

/// Follows `worker` to its outcome, reporting its progress as `name`'s.
/// With `bytes`, it gets them once it runs (only a worker that runs gets
/// them, so that the page can still check them if it does not); without,
/// it fetches (`ImportWorker::fetch`).
async fn follow(
    atlas: Atlas,
    turn: Turn,
    name: &str,
    worker: &web::ImportWorker,
    mut bytes: Option<web::Bytes>,
) -> Followed {
    let failed = |reason| {
        Followed::Failed(DataFailure::Worker {
            name: name.to_owned(),
            reason,
        })
    };
    let mut ready = false;
    // A message per event: each is a task of its own on the page.
    loop {
        let event = worker.next().await;
        if !atlas.is_current(turn) {
            return Followed::Superseded;
        }
        let status = match event {
            web::WorkerEvent::Ready => {
                ready = true;
                if let Some(bytes) = bytes.take()
                    && let Err(reason) = worker.send(bytes)
                {
                    return failed(reason);
                }
                continue;
            }
            web::WorkerEvent::Fetching(read) => fetching(name, Some(read)),
            web::WorkerEvent::Fetched => reading(name),
            web::WorkerEvent::Progress { done, total } => checked(done, total, name),
            web::WorkerEvent::Done(packed) => {
                web::mark("atlas:import-received");
                return match decode(packed) {
                    Ok(outcome) => Followed::Outcome(Box::new(outcome)),
                    Err(reason) => Followed::Failed(DataFailure::Wire {
                        name: name.to_owned(),
                        reason,
                    }),
                };
            }
            web::WorkerEvent::FetchFailed(web::FetchError::Superseded)
            | web::WorkerEvent::Stopped => return Followed::Superseded,
            web::WorkerEvent::FetchFailed(reason) => {
                return Followed::Failed(DataFailure::Fetch {
                    label: name.to_owned(),
                    reason,
                });
            }
            web::WorkerEvent::Failed(reason) if !ready => {
                return Followed::NotStarted(reason, bytes);
            }
            web::WorkerEvent::Failed(reason) => return failed(reason),
        };
        atlas.report(turn, ImportStatus::Working(status));
    }
}

/// Checks `bytes` on the page, a slice at a time with a paint between
/// slices, when no worker could start (`why`); `None` when a newer import
/// took over.
async fn check_on_page(
    atlas: Atlas,
    turn: Turn,
    name: &str,
    bytes: &web::Bytes,
    why: &web::WorkerError,
) -> Option<Outcome> {
    let message = Progress::CheckingOnPage {
        name: name.to_owned(),
        why: why.text(atlas.lang.get_untracked()),
    };
    if !atlas.report(turn, ImportStatus::Working(message)) {
        return None;
    }
    web::next_tick().await;
    if !atlas.is_current(turn) {
        return None;
    }
    let bytes = bytes.to_vec();
    let mut importer = match Importer::start(&bytes) {
        Ok(importer) => importer,
        Err(reason) => return Some(Err(reason)),
    };
    let total = importer.total();
    while !importer.step(CHECK_SLICE) {
        if !atlas.report(
            turn,
            ImportStatus::Working(checked(importer.done(), total, name)),
        ) {
            return None;
        }
        web::next_tick().await;
        if !atlas.is_current(turn) {
            return None;
        }
    }
    Some(importer.finish().map(Loaded::new))
}

/// Shows an import's outcome: why it was refused, or its features on the
/// map (drawn by `painter`, its worker, if it has one) and in the panel.
fn finish(
    atlas: Atlas,
    turn: Turn,
    name: String,
    url: Option<String>,
    outcome: Outcome,
    painter: Option<web::Painter>,
) {
    match outcome {
        Err(reason) => {
            atlas.report(
                turn,
                ImportStatus::Failed(DataFailure::Invalid { name, reason }),
            );
        }
        Ok(loaded) => show(atlas, turn, name, url, loaded, painter),
    }
}

/// Puts a loaded import on the map (drawn by `painter`, its worker, if it
/// has one) and in the panel.
fn show(
    atlas: Atlas,
    turn: Turn,
    name: String,
    url: Option<String>,
    loaded: Loaded,
    painter: Option<web::Painter>,
) {
    let Loaded {
        features,
        overlay,
        skipped,
        skipped_count,
    } = loaded;
    let data = ImportedData {
        name,
        features,
        skipped,
        skipped_count,
        url: url.clone(),
        overlay: Arc::new(overlay),
    };
    if !atlas.report(turn, ImportStatus::Working(drawing(&data))) {
        return;
    }
    atlas.selected_import.set(None);
    // The link keeps a `data=` source; a local file cannot be linked.
    atlas.extra.update(|extra| {
        extra.retain(|(k, _)| k != "data");
        if let Some(url) = &url {
            extra.push(("data".to_owned(), url.clone()));
        }
    });
    atlas.imported_visible.set(true);
    atlas
        .imported_groups
        .set(vec![true; data.overlay.groups().len()]);
    atlas.set_import_painter(painter);
    atlas.imported.set(Some(Arc::new(data)));
}

/// A new import's turn and its abort (which stops its fetch and worker
/// when a newer one starts; without one, the browser has no
/// `AbortController`, and an older import is only dropped, not stopped).
fn begin(atlas: Atlas) -> (Turn, Option<web::ImportAbort>) {
    let abort = web::ImportAbort::new().ok();
    (atlas.begin_import(abort.clone()), abort)
}

/// Starts the import worker, unless there is no abort to stop it with.
fn start_worker(abort: Option<&web::ImportAbort>) -> Result<web::ImportWorker, web::WorkerError> {
    abort
        .ok_or(web::WorkerError::Refused("no AbortController".to_owned()))
        .and_then(web::ImportWorker::start)
}

/// Imports the first file of a file list (picker or drop).
pub(crate) fn import_file(atlas: Atlas, file: web_sys::File) {
    let (turn, abort) = begin(atlas);
    let name = file.name();
    // `File.size` is a whole number of bytes, as a JavaScript number.
    if let Err(reason) = check_size(file.size() as u64) {
        atlas.report(
            turn,
            ImportStatus::Failed(DataFailure::TooLarge { name, reason }),
        );
        return;
    }
    // The worker loads while the file is read.
    let worker = start_worker(abort.as_ref());
    spawn_local(async move {
        let read = web::read_file(&file).await;
        match read {
            Ok(bytes) => run_import(atlas, turn, name, bytes, None, worker).await,
            Err(reason) => {
                atlas.report(
                    turn,
                    ImportStatus::Failed(DataFailure::Unreadable { name, reason }),
                );
            }
        }
    });
}

/// A `?data=` link to the atlas's own server, started before the atlas's
/// page is built — its worker fetching and checking meanwhile — for
/// `open_data_link` to take over.
pub(crate) struct EarlyLink {
    raw: String,
    link: DataLink,
    abort: web::ImportAbort,
    worker: web::ImportWorker,
}

/// Starts `raw` (a `?data=` value) at once if it points to the atlas's own
/// server and a worker can fetch it; `None` otherwise (`open_data_link`
/// then does what it does for any link).
pub(crate) fn start_early(raw: &str) -> Option<EarlyLink> {
    let href = web::resolve_url(raw)?;
    let link = plan(&web::current_url(), &href)
        .ok()
        .filter(|l| l.same_origin)?;
    let abort = web::ImportAbort::new().ok()?;
    let mut worker = web::ImportWorker::start(&abort).ok()?;
    worker
        .fetch(&link.href, MAX_BYTES, FETCH_TIME_LIMIT_SECS)
        .ok()?;
    Some(EarlyLink {
        raw: raw.to_owned(),
        link,
        abort,
        worker,
    })
}

/// A `?data=` link (its value as given): loaded at once from the atlas's
/// own server (taking over `early`, if it was started for this link);
/// for another server, the user is asked first and nothing is fetched
/// until they agree; refused with the reason if it is not an http(s)
/// address.
pub(crate) fn open_data_link(atlas: Atlas, raw: String, early: Option<EarlyLink>) {
    if let Some(early) = early.filter(|e| e.raw == raw) {
        let EarlyLink {
            raw,
            link,
            abort,
            worker,
        } = early;
        let turn = atlas.begin_import(Some(abort.clone()));
        spawn_local(run_linked(atlas, turn, raw, link, abort, worker));
        return;
    }
    let planned = web::resolve_url(&raw)
        .ok_or(LinkError::NotAnAddress)
        .and_then(|href| plan(&web::current_url(), &href));
    match planned {
        Ok(link) if link.same_origin => import_url(atlas, raw, link),
        Ok(link) => atlas.link_question.set(Some((raw, link))),
        Err(reason) => {
            web::release_early_worker();
            atlas
                .import_status
                .set(ImportStatus::Failed(DataFailure::Link { raw, reason }));
        }
    }
}

/// Imports from a `?data=` link: at most `MAX_BYTES`, within
/// `FETCH_TIME_LIMIT_SECS`, stopped when a newer import starts. `raw` is
/// the link's value as given, kept in the address. A link to the atlas's
/// own server is fetched by the worker; another server's by the page (its
/// policy allows it), the worker checking the answer.
pub(crate) fn import_url(atlas: Atlas, raw: String, link: DataLink) {
    let abort = match web::ImportAbort::new() {
        Ok(abort) => abort,
        Err(reason) => {
            atlas
                .import_status
                .set(ImportStatus::Failed(DataFailure::Fetch {
                    label: link.label,
                    reason,
                }));
            return;
        }
    };
    let turn = atlas.begin_import(Some(abort.clone()));
    let worker = start_worker(Some(&abort));
    let worker = match worker {
        Ok(mut worker) if link.same_origin => {
            match worker.fetch(&link.href, MAX_BYTES, FETCH_TIME_LIMIT_SECS) {
                Ok(()) => {
                    spawn_local(run_linked(atlas, turn, raw, link, abort, worker));
                    return;
                }
                Err(reason) => Err(reason),
            }
        }
        other => other,
    };
    spawn_local(fetch_on_page(atlas, turn, raw, link, abort, worker));
}

/// The page fetches the link, then `worker` (started meanwhile) or the page
/// checks it.
async fn fetch_on_page(
    atlas: Atlas,
    turn: Turn,
    raw: String,
    link: DataLink,
    abort: web::ImportAbort,
    worker: Result<web::ImportWorker, web::WorkerError>,
) {
    let limits = web::FetchLimits {
        max_bytes: MAX_BYTES,
        seconds: FETCH_TIME_LIMIT_SECS,
        same_origin: link.same_origin,
    };
    let label = link.label.clone();
    atlas.report(turn, ImportStatus::Working(fetching(&label, None)));
    // A message per tenth of a megabyte at most.
    let shown = Cell::new(0usize);
    let progress = |bytes: usize| {
        if bytes / 100_000 != shown.get() / 100_000 {
            shown.set(bytes);
            atlas.report(turn, ImportStatus::Working(fetching(&label, Some(bytes))));
        }
    };
    let fetched = web::fetch_bytes(&link.href, limits, &abort, &progress).await;
    web::mark("atlas:import-fetched");
    match fetched {
        Ok(bytes) => run_import(atlas, turn, label, bytes, Some(raw), worker).await,
        Err(web::FetchError::Superseded) => {}
        Err(reason) => {
            atlas.report(
                turn,
                ImportStatus::Failed(DataFailure::Fetch { label, reason }),
            );
        }
    }
}

/// Asks before a `?data=` link makes the browser call another server,
/// naming the server. Nothing is fetched until "Load"; "Don't load" drops
/// the link's data from the address too. The link's text stays text.
#[component]
pub(crate) fn LinkQuestion(atlas: Atlas) -> impl IntoView {
    move || {
        let lang = atlas.lang.get();
        atlas.link_question.get().map(|(raw, link)| {
            let DataLink { host, label, .. } = link.clone();
            let load = move |_| import_url(atlas, raw.clone(), link.clone());
            let skip = move |_| {
                web::release_early_worker();
                atlas.link_question.set(None);
                atlas.extra.update(|e| e.retain(|(k, _)| k != "data"));
            };
            view! {
                <section class="link-question" id="link-question" aria-labelledby="link-question-text">
                    <p id="link-question-text">
                        {T::LinkWantsData.text(lang)}
                        <strong class="link-question-host">{host}</strong>
                        {T::LoadIt.text(lang)}
                    </p>
                    <p class="link-question-address">{label}</p>
                    <p class="link-question-note">{T::LinkQuestionNote.text(lang)}</p>
                    <div class="link-question-actions">
                        <button type="button" id="link-question-load" on:click=load>{T::Load.text(lang)}</button>
                        <button type="button" id="link-question-skip" on:click=skip>{T::DontLoad.text(lang)}</button>
                    </div>
                </section>
            }
        })
    }
}

/// A group name made safe for an element id: ASCII letters, digits, `-`
/// and `_` kept, anything else as `_`.
fn css_id(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Downloads an export, or says why it failed: never an empty file.
fn export(atlas: Atlas, name: &str, mime: &str, text: Result<String, String>) {
    if let Err(e) = text.and_then(|text| web::download(name, mime, &text)) {
        atlas
            .import_status
            .set(ImportStatus::Failed(DataFailure::Export(e)));
    }
}

/// "Your data": import from a file, export the visible sites, and the
/// imported layer's entry with its toggle, its skipped features and the
/// import's `aria-live` message.
#[component]
pub(crate) fn ImportTools(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    let input = NodeRef::<Input>::new();
    let on_pick = move |_| {
        let file = input
            .get()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            import_file(atlas, file);
        }
        if let Some(i) = input.get() {
            i.set_value("");
        }
    };
    let visible_sites = move || -> Vec<&'static Site> {
        atlas
            .filter
            .with(|f| atlas.sites.iter().filter(|s| f.admits(s)).collect())
    };
    let export_geojson = move |_| {
        let text = to_geojson(&visible_sites()).map_err(|e| e.to_string());
        export(
            atlas,
            "cca-atlas-sites.geojson",
            "application/geo+json",
            text,
        );
    };
    let export_csv = move |_| {
        let text = to_csv(&visible_sites()).map_err(|e| e.to_string());
        export(atlas, "cca-atlas-sites.csv", "text/csv", text);
    };
    view! {
        <fieldset class="facet your-data">
            <legend>{move || T::YourDataTitle.text(lang.get())}</legend>
            <div class="data-actions">
                <label class="file-button">
                    {move || T::ImportGeoJson.text(lang.get())}
                    <input type="file" class="visually-hidden" id="import-file" node_ref=input
                        accept=".geojson,.json,application/geo+json,application/json" on:change=on_pick />
                </label>
                <button type="button" id="export-geojson" on:click=export_geojson>{move || T::ExportGeoJson.text(lang.get())}</button>
                <button type="button" id="export-csv" on:click=export_csv>{move || T::ExportCsv.text(lang.get())}</button>
            </div>
            <p class="facet-hint">{move || T::DropHint.text(lang.get())}</p>
            <div class="import-status" role="status" aria-live="polite" id="import-status"
                class:import-failed=move || matches!(atlas.import_status.get(), ImportStatus::Failed(_))>
                {move || {
                    let lang = lang.get();
                    match atlas.import_status.get() {
                        ImportStatus::Idle => String::new(),
                        ImportStatus::Working(m) => m.text(lang),
                        ImportStatus::Done(m) => m.text(lang),
                        ImportStatus::Failed(failure) => failure.text(lang),
                    }
                }}
            </div>
            {move || atlas.imported.get().map(|data| {
                // Rebuilt in the new language when the reader switches.
                let lang = lang.get();
                let count = data.features.len();
                let name = data.name.clone();
                let skipped = data.skipped.clone();
                let skipped_count = data.skipped_count;
                view! {
                    <div class="imported-entry">
                        <label class="legend-row">
                            <input type="checkbox" id="imported-toggle" aria-label=format!("{}{name}", T::ShowNamed.text(lang))
                                prop:checked=move || atlas.imported_visible.get()
                                on:change=move |ev| atlas.imported_visible.set(event_target_checked(&ev)) />
                            <span class="import-swatch" aria-hidden="true"></span>
                            <span class="legend-label">{name.clone()}</span>
                            <span class="legend-count">{count}</span>
                        </label>
                        {(data.overlay.groups().len() > 1).then(|| view! {
                            <ul class="legend-layers import-groups" aria-label=import_groups(lang, &name)>
                                {data.overlay.groups().iter().enumerate().map(|(k, group)| {
                                    let id = format!("import-group-{}", css_id(&group.name));
                                    view! {
                                        <li><label class="legend-row">
                                            <input type="checkbox" id=id
                                                prop:checked=move || atlas.imported_groups.with(|g| g.get(k).copied().unwrap_or(true))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    atlas.imported_groups.update(|g| if let Some(slot) = g.get_mut(k) { *slot = on; });
                                                } />
                                            <span class="legend-label">{group.name.clone()}</span>
                                            <span class="legend-count">{group.count}</span>
                                        </label></li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        <button type="button" class="link-button" id="imported-remove" on:click=move |_| {
                            atlas.selected_import.set(None);
                            atlas.imported.set(None);
                            atlas.extra.update(|e| e.retain(|(k, _)| k != "data"));
                            atlas.import_status.set(ImportStatus::Done(Done::Removed));
                        }>{T::Remove.text(lang)}</button>
                        {(skipped_count > 0).then(|| view! {
                            <details class="skipped">
                                <summary>{skipped_summary(lang, skipped_count)}</summary>
                                <ul>
                                    {skipped.into_iter().map(|s| view! {
                                        <li>{skipped_line(lang, s.index, &s.reason.text(lang))}</li>
                                    }).collect_view()}
                                    {(skipped_count > data.skipped.len()).then(|| view! {
                                        <li>{skipped_more(lang, skipped_count - data.skipped.len())}</li>
                                    })}
                                </ul>
                            </details>
                        })}
                    </div>
                }
            })}
        </fieldset>
    }
}

/// Makes the whole atlas a drop target for GeoJSON files.
pub(crate) fn on_drop(atlas: Atlas, dragging: RwSignal<bool>) -> impl Fn(ev::DragEvent) + Copy {
    move |event: ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        let file = event
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            atlas.tab.set(super::state::Tab::Filters);
            import_file(atlas, file);
        }
    }
}
