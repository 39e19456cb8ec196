//! The report: its text and structure (`text`), the panel's reading of it in
//! sentences with citations and mentions (`story`), and the numbers it
//! states (`figures`). Depends on `model` (sectors, sites), never on views.

pub mod figures;
pub mod story;
mod text;

pub use text::{Part, ReportError, Section};
pub use text::{REPORT_TEXT, Report};
