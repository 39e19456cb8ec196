//! Sharing the atlas: the embed view (`?embed=1`: the map with a compact
//! key, for an `<iframe>`), the link from it back to the full atlas, and
//! the `<iframe>` snippet for the current link. Plain Rust: the links are
//! the permalink's (`view::permalink`), with `embed` kept among its extra
//! parameters.

use crate::view::permalink::{UrlState, encode};

/// The query parameter that asks for the embed view.
pub const EMBED: &str = "embed";

/// Whether the link asks for the embed view (`embed=1`).
pub fn is_embed(state: &UrlState) -> bool {
    state.extra.iter().any(|(k, v)| k == EMBED && v == "1")
}

/// The query for the same view embedded (`embed=1`, once).
pub fn embed_query(state: &UrlState) -> String {
    let mut state = state.clone();
    state.extra.retain(|(k, _)| k != EMBED);
    state.extra.push((EMBED.to_owned(), "1".to_owned()));
    encode(&state)
}

/// The query for the same view in the full atlas (no `embed`).
pub fn full_query(state: &UrlState) -> String {
    let mut state = state.clone();
    state.extra.retain(|(k, _)| k != EMBED);
    encode(&state)
}

/// The `<iframe>` that embeds `url` (the embed view's whole address),
/// titled `title`, with the attributes a page embedding a map wants: a
/// size it can change, no border, lazy loading, and no referrer sent.
/// Both values are escaped for a double-quoted attribute.
pub fn iframe_snippet(url: &str, title: &str) -> String {
    format!(
        r#"<iframe src="{}" title="{}" width="800" height="500" style="border:0" loading="lazy" referrerpolicy="no-referrer" allow="clipboard-write"></iframe>"#,
        attribute(url),
        attribute(title)
    )
}

/// `text` safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::permalink::decode;

    #[test]
    fn embed_is_asked_by_embed_1_and_kept_once() {
        let state = decode("site=bash-wind&embed=1&lang=ru");
        assert!(is_embed(&state));
        assert!(!is_embed(&decode("site=bash-wind")));
        assert!(!is_embed(&decode("embed=yes")));
        let embedded = embed_query(&state);
        assert_eq!(embedded.matches("embed=1").count(), 1, "{embedded}");
        assert!(embedded.contains("site=bash-wind") && embedded.contains("lang=ru"));
        let full = full_query(&state);
        assert!(!full.contains("embed"), "{full}");
        assert!(full.contains("site=bash-wind") && full.contains("lang=ru"));
        // Round trip: the embed query reads back as embedded, the same view.
        let back = decode(&embedded);
        assert!(is_embed(&back));
        assert_eq!(back.site, state.site);
        assert!(is_embed(&decode(&embed_query(&decode(&full)))));
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let snippet = iframe_snippet(
            "https://atlas.example/?site=a&embed=1&x=\"><script>",
            "Atlas \"A\" & <B>",
        );
        assert!(snippet.starts_with(r#"<iframe src="https://atlas.example/?site=a&amp;embed=1&amp;x=&quot;&gt;&lt;script&gt;""#));
        assert!(snippet.contains(r#"title="Atlas &quot;A&quot; &amp; &lt;B&gt;""#));
        assert!(snippet.ends_with("></iframe>"));
        assert_eq!(snippet.matches('<').count(), 2, "only the tags' own");
    }
}
