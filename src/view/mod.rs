//! What the interface shows, as plain data: which sites are visible
//! (`filter`), what a link carries (`permalink`), search, the wording of
//! details, the symbology and the marker declutter. No Leptos, no DOM:
//! components and the map read these and are tested natively through them.

pub mod declutter;
pub mod details;
pub mod filter;
pub mod labels;
pub mod permalink;
pub mod picture;
pub mod search;
pub mod share;
pub mod symbols;
pub mod timeline;
