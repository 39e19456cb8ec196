//! The model's typed errors: a feature that is not a valid site
//! (`SiteError`, naming feature and field) and a data file that cannot be
//! read (`DataError`).

use thiserror::Error;

use crate::i18n::Lang;

/// A feature that does not make a valid `Site`. The message names the
/// feature (its `id`, or its position when it has none) and the field.
#[derive(Debug, Clone, Error, PartialEq)]
#[error("feature `{feature}`, field `{field}`: {problem}")]
pub struct SiteError {
    pub feature: String,
    pub field: &'static str,
    pub problem: String,
}

/// A data file that cannot be loaded.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum DataError {
    #[error("{file}: not valid GeoJSON: {message}")]
    NotGeoJson { file: String, message: String },
    #[error("{file}: {source}")]
    Site {
        file: String,
        #[source]
        source: SiteError,
    },
    #[error("{file} could not be fetched: {message}")]
    Missing { file: String, message: String },
    #[error("{file}: the id `{id}` is used twice")]
    DuplicateId { file: String, id: String },
    #[error("{file}: not a names file: {message}")]
    NotNames { file: String, message: String },
}

impl DataError {
    /// The message in `lang`. A site's own problem and what the parser or
    /// the browser said stay in English: they are about the data's text.
    pub fn text(&self, lang: Lang) -> String {
        use DataError as D;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (D::NotGeoJson { file, message }, Lang::Zh) => {
                format!("{file}：不是有效的 GeoJSON：{message}")
            }
            (D::NotGeoJson { file, message }, Lang::Ru) => {
                format!("{file}: не корректный GeoJSON: {message}")
            }
            (D::Site { file, source }, Lang::Zh) => format!("{file}：地点数据有误：{source}"),
            (D::Site { file, source }, Lang::Ru) => {
                format!("{file}: ошибка в данных объекта: {source}")
            }
            (D::Missing { file, message }, Lang::Zh) => format!("无法获取 {file}：{message}"),
            (D::Missing { file, message }, Lang::Ru) => {
                format!("не удалось получить {file}: {message}")
            }
            (D::DuplicateId { file, id }, Lang::Zh) => format!("{file}：标识 `{id}` 被使用了两次"),
            (D::DuplicateId { file, id }, Lang::Ru) => {
                format!("{file}: идентификатор `{id}` использован дважды")
            }
            (D::NotNames { file, message }, Lang::Zh) => format!("{file}：不是名称文件：{message}"),
            (D::NotNames { file, message }, Lang::Ru) => {
                format!("{file}: это не файл названий: {message}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_is_worded_in_each_language() {
        let errors = [
            DataError::NotGeoJson {
                file: "a.geojson".into(),
                message: "x".into(),
            },
            DataError::Site {
                file: "a.geojson".into(),
                source: SiteError {
                    feature: "f".into(),
                    field: "name",
                    problem: "missing".into(),
                },
            },
            DataError::Missing {
                file: "a.geojson".into(),
                message: "404".into(),
            },
            DataError::DuplicateId {
                file: "a.geojson".into(),
                id: "f".into(),
            },
            DataError::NotNames {
                file: "names.json".into(),
                message: "x".into(),
            },
        ];
        for error in errors {
            assert_eq!(error.text(Lang::En), error.to_string());
            let zh = error.text(Lang::Zh);
            let ru = error.text(Lang::Ru);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(ru.chars().any(|c| ('а'..='я').contains(&c)), "{ru}");
        }
    }
}
