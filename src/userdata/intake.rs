//! Bringing a user's data in, before `import` checks it: the size limit and
//! its message (shared by files and `?data=` links), the time limit of a
//! link, where a `?data=` link points and whether the user must be asked
//! before the browser calls that server, and which of several imports
//! counts (the newest). Plain Rust: the browser resolves the link
//! (`web::resolve_url`) and fetches it (`web::fetch_bytes`).

use thiserror::Error;

use crate::i18n::Lang;
use crate::i18n::format::{decimal, integer, ru_plural};
use crate::userdata::import::MAX_BYTES;

/// A `?data=` link gives up after this long, waiting for the answer and
/// reading it together.
pub(crate) const FETCH_TIME_LIMIT_SECS: u32 = 60;

/// Input past `import::MAX_BYTES`. The same words for a picked or dropped
/// file, a link whose server announces its size and a link whose answer
/// runs on past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub(crate) enum TooLarge {
    /// The size is known (a file, or a `Content-Length`).
    #[error("it is {0} bytes; the limit is {limit} bytes ({mib} MiB)", limit = MAX_BYTES, mib = MAX_BYTES >> 20)]
    Sized(u64),
    /// The answer was still coming when it passed the limit.
    #[error("it is more than {limit} bytes; the limit is {limit} bytes ({mib} MiB)", limit = MAX_BYTES, mib = MAX_BYTES >> 20)]
    PastLimit,
}

impl TooLarge {
    /// The reason in `lang`, as a clause (its `Display` is the English).
    pub(crate) fn text(self, lang: Lang) -> String {
        let limit = integer(lang, MAX_BYTES as i64);
        let size = |n: u64| integer(lang, i64::try_from(n).unwrap_or(i64::MAX));
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (TooLarge::Sized(n), Lang::Zh) => {
                format!("大小为 {} 字节，上限为 {limit} 字节（64 MiB）", size(n))
            }
            (TooLarge::Sized(n), Lang::Ru) => {
                format!("размер — {} байт; предел — {limit} байт (64 МиБ)", size(n))
            }
            (TooLarge::PastLimit, Lang::Zh) => {
                format!("超过 {limit} 字节，上限为 {limit} 字节（64 MiB）")
            }
            (TooLarge::PastLimit, Lang::Ru) => {
                format!("больше {limit} байт; предел — {limit} байт (64 МиБ)")
            }
        }
    }
}

/// `Ok` if `size` bytes may be imported.
pub(crate) fn check_size(size: u64) -> Result<(), TooLarge> {
    if size > MAX_BYTES as u64 {
        Err(TooLarge::Sized(size))
    } else {
        Ok(())
    }
}

/// A byte count for progress messages: "512 bytes", "3.4 MB" ("3,4 МБ").
pub(crate) fn format_bytes(lang: Lang, bytes: usize) -> String {
    if bytes < 1_000_000 {
        let n = integer(lang, bytes as i64);
        match lang {
            Lang::En => format!("{n} bytes"),
            Lang::Zh => format!("{n} 字节"),
            Lang::Ru => format!("{n} {}", ru_plural(bytes as u64, "байт", "байта", "байт")),
        }
    } else {
        let n = decimal(lang, bytes as f64 / 1e6, 1);
        match lang {
            Lang::En | Lang::Zh => format!("{n} MB"),
            Lang::Ru => format!("{n} МБ"),
        }
    }
}

/// Why a `?data=` link is not followed at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum LinkError {
    #[error("it is not a web address")]
    NotAnAddress,
    #[error("only http and https addresses can be loaded, not {0}:")]
    Scheme(String),
    /// The page's policy allows other servers over https only (and a page
    /// served over https may not fetch over http at all).
    #[error("data from another server must come over https")]
    Insecure,
}

impl LinkError {
    /// The reason in `lang`, as a clause (its `Display` is the English).
    pub(crate) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (LinkError::NotAnAddress, Lang::Zh) => "它不是网址".to_owned(),
            (LinkError::NotAnAddress, Lang::Ru) => "это не веб-адрес".to_owned(),
            (LinkError::Scheme(s), Lang::Zh) => {
                format!("只能加载 http 和 https 地址，不能加载 {s}:")
            }
            (LinkError::Scheme(s), Lang::Ru) => {
                format!("загружать можно только адреса http и https, а не {s}:")
            }
            (LinkError::Insecure, Lang::Zh) => "来自其他服务器的数据必须通过 https 传输".to_owned(),
            (LinkError::Insecure, Lang::Ru) => {
                "данные с другого сервера должны приходить по https".to_owned()
            }
        }
    }
}

/// Where a `?data=` link points, as the browser resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataLink {
    /// The absolute address to fetch.
    pub href: String,
    /// Host and port, as the question names them: "example.org".
    pub host: String,
    /// Host, path and query, without scheme, user name or fragment: how
    /// the imported layer is named ("example.org/data/roads.geojson").
    pub label: String,
    /// Same origin as the atlas: loaded at once. Otherwise the user is
    /// asked first, naming `host`.
    pub same_origin: bool,
}

/// The parts of an absolute http(s) address that matter here.
struct Parts<'a> {
    scheme: &'a str,
    /// `host[:port]`, without user name and password.
    host: &'a str,
    /// Path and query, without the fragment.
    rest: &'a str,
}

/// Splits an address serialised by the browser's URL parser
/// (`scheme://[user[:pass]@]host[:port]/path[?query][#fragment]`, scheme
/// and host lower-case, default port dropped).
fn parts(href: &str) -> Result<Parts<'_>, LinkError> {
    let (scheme, after) = href.split_once(':').ok_or(LinkError::NotAnAddress)?;
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !valid_scheme {
        return Err(LinkError::NotAnAddress);
    }
    if scheme != "http" && scheme != "https" {
        return Err(LinkError::Scheme(scheme.to_owned()));
    }
    let after = after.strip_prefix("//").ok_or(LinkError::NotAnAddress)?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    // The user name and password end at the last `@` (the parser escapes
    // any `@` inside them).
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host.is_empty() {
        return Err(LinkError::NotAnAddress);
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    Ok(Parts { scheme, host, rest })
}

/// What to do with the `?data=` link `data_href` on the page at
/// `page_href`, both absolute addresses as the browser's URL parser
/// writes them. Same scheme, host and port as the page: load it. Another
/// server: ask first (https only). Anything else is refused.
pub(crate) fn plan(page_href: &str, data_href: &str) -> Result<DataLink, LinkError> {
    let data = parts(data_href)?;
    // A page address that cannot be read (never in a browser) makes every
    // link count as another server's: the user is asked.
    let same_origin = parts(page_href)
        .map(|page| page.scheme == data.scheme && page.host == data.host)
        .unwrap_or(false);
    if !same_origin && data.scheme != "https" {
        return Err(LinkError::Insecure);
    }
    Ok(DataLink {
        href: data_href.to_owned(),
        host: data.host.to_owned(),
        label: format!("{}{}", data.host, data.rest),
        same_origin,
    })
}

/// Counts imports so that only the newest one's progress and result are
/// shown: a slow earlier import that finishes later is dropped.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Turns {
    latest: u64,
}

/// One import's place in `Turns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Turn(u64);

impl Turns {
    /// A new import starts: every earlier one is stale from now on.
    pub fn start(&mut self) -> Turn {
        self.latest += 1;
        Turn(self.latest)
    }

    /// Whether `turn` is still the newest import.
    pub(crate) fn is_latest(&self, turn: Turn) -> bool {
        turn.0 == self.latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "http://127.0.0.1:8080/?data=x";

    #[test]
    fn the_size_limit_reads_the_same_for_files_and_links() {
        assert_eq!(check_size(MAX_BYTES as u64), Ok(()));
        let known = check_size(MAX_BYTES as u64 + 1).unwrap_err().to_string();
        assert_eq!(
            known,
            "it is 67108865 bytes; the limit is 67108864 bytes (64 MiB)"
        );
        assert_eq!(
            TooLarge::PastLimit.to_string(),
            "it is more than 67108864 bytes; the limit is 67108864 bytes (64 MiB)"
        );
    }

    #[test]
    fn byte_counts_are_short() {
        assert_eq!(format_bytes(Lang::En, 512), "512 bytes");
        assert_eq!(format_bytes(Lang::En, 3_450_000), "3.5 MB");
        assert_eq!(format_bytes(Lang::En, 20_000), "20,000 bytes");
        assert_eq!(format_bytes(Lang::Zh, 512), "512 字节");
        assert_eq!(format_bytes(Lang::Ru, 3_450_000), "3,5 МБ");
        assert_eq!(format_bytes(Lang::Ru, 22), "22 байта");
        assert_eq!(format_bytes(Lang::Ru, 25), "25 байт");
    }

    #[test]
    fn reasons_are_worded_in_each_language() {
        assert_eq!(
            TooLarge::Sized(67_108_865).text(Lang::Ru),
            "размер — 67\u{a0}108\u{a0}865 байт; предел — 67\u{a0}108\u{a0}864 байт (64 МиБ)"
        );
        assert_eq!(
            TooLarge::PastLimit.text(Lang::Zh),
            "超过 67,108,864 字节，上限为 67,108,864 字节（64 MiB）"
        );
        assert_eq!(
            TooLarge::PastLimit.text(Lang::En),
            TooLarge::PastLimit.to_string()
        );
        for error in [
            LinkError::NotAnAddress,
            LinkError::Scheme("ftp".into()),
            LinkError::Insecure,
        ] {
            assert_eq!(error.text(Lang::En), error.to_string());
            assert!(
                error
                    .text(Lang::Zh)
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            );
            assert!(
                error
                    .text(Lang::Ru)
                    .chars()
                    .any(|c| ('а'..='я').contains(&c))
            );
        }
    }

    #[test]
    fn a_link_to_the_atlas_own_server_loads_at_once() {
        let link = plan(PAGE, "http://127.0.0.1:8080/shared/a.geojson?v=2#top").unwrap();
        assert!(link.same_origin);
        assert_eq!(link.label, "127.0.0.1:8080/shared/a.geojson?v=2");
        assert_eq!(link.host, "127.0.0.1:8080");
        assert_eq!(link.href, "http://127.0.0.1:8080/shared/a.geojson?v=2#top");
    }

    #[test]
    fn another_host_port_or_scheme_is_another_server() {
        for other in [
            "https://example.org/a.geojson",
            "https://127.0.0.1:8081/a.geojson",
            "https://127.0.0.1:8080/a.geojson",
            "https://localhost:8080/a.geojson",
        ] {
            let link = plan(PAGE, other).unwrap();
            assert!(!link.same_origin, "{other}");
        }
        let link = plan(PAGE, "https://data.example.org/layers/roads.geojson").unwrap();
        assert_eq!(link.host, "data.example.org");
        assert_eq!(link.label, "data.example.org/layers/roads.geojson");
    }

    #[test]
    fn the_host_is_the_real_one_not_the_user_name() {
        // `http://127.0.0.1:8080@evil.example/` is evil.example with the
        // user name "127.0.0.1" and password "8080".
        let link = plan(PAGE, "https://127.0.0.1:8080@evil.example/x.geojson").unwrap();
        assert!(!link.same_origin);
        assert_eq!(link.host, "evil.example");
        assert_eq!(link.label, "evil.example/x.geojson");
        let link = plan(PAGE, "https://user:pw@example.org?q=1").unwrap();
        assert_eq!(link.host, "example.org");
        assert_eq!(link.label, "example.org?q=1");
    }

    #[test]
    fn ipv6_hosts_compare_whole() {
        let page = "http://[::1]:8080/";
        assert!(plan(page, "http://[::1]:8080/a").unwrap().same_origin);
        let other = plan(page, "https://[::1]:8443/a").unwrap();
        assert!(!other.same_origin);
        assert_eq!(other.host, "[::1]:8443");
    }

    #[test]
    fn other_servers_over_http_and_other_schemes_are_refused() {
        assert_eq!(
            plan(PAGE, "http://example.org/a.geojson"),
            Err(LinkError::Insecure)
        );
        for (href, scheme) in [
            ("data:application/json,{}", "data"),
            ("javascript:alert(1)", "javascript"),
            ("blob:http://127.0.0.1:8080/1234", "blob"),
            ("file:///etc/passwd", "file"),
        ] {
            assert_eq!(plan(PAGE, href), Err(LinkError::Scheme(scheme.to_owned())));
        }
        for href in [
            "",
            "nothing",
            "http:/x",
            "https://",
            "https://@/x",
            "1http://x/",
        ] {
            assert_eq!(plan(PAGE, href), Err(LinkError::NotAnAddress), "{href:?}");
        }
    }

    #[test]
    fn an_unreadable_page_address_makes_every_link_foreign() {
        let link = plan("about:blank", "https://example.org/a").unwrap();
        assert!(!link.same_origin);
        assert_eq!(
            plan("", "http://127.0.0.1:8080/a"),
            Err(LinkError::Insecure)
        );
    }

    #[test]
    fn only_the_newest_turn_counts() {
        let mut turns = Turns::default();
        let first = turns.start();
        assert!(turns.is_latest(first));
        let second = turns.start();
        assert!(!turns.is_latest(first));
        assert!(turns.is_latest(second));
        assert_ne!(first, second);
    }
}
