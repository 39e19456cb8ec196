//! The visible sites as files to take away: GeoJSON (every property of the
//! data, geometry as drawn) and CSV (one row per site, a spreadsheet's
//! columns plus the geometry as GeoJSON text). Plain Rust; `import` reads
//! the GeoJSON back (tested as a round trip).

use serde_json::{Value, json};

use crate::model::{Site, SiteGeometry};

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 18] = [
    "id",
    "name",
    "alt_names",
    "sector",
    "category",
    "countries",
    "status",
    "start_year",
    "completion_year",
    "capacity",
    "capacity_unit",
    "operator",
    "partners",
    "precision",
    "precision_km",
    "latitude",
    "longitude",
    "geometry",
];

fn geometry(site: &Site) -> Value {
    match &site.geometry {
        SiteGeometry::Point(p) => json!({ "type": "Point", "coordinates": [p.lon, p.lat] }),
        SiteGeometry::Line(points) => json!({
            "type": "LineString",
            "coordinates": points.iter().map(|p| [p.lon, p.lat]).collect::<Vec<_>>(),
        }),
    }
}

/// A FeatureCollection of `sites` with their data's properties.
pub fn to_geojson(sites: &[&Site]) -> Result<String, serde_json::Error> {
    let features: Vec<Value> = sites
        .iter()
        .map(|site| {
            json!({
                "type": "Feature",
                "id": site.id,
                "properties": {
                    "id": site.id,
                    "name": site.name,
                    "alt_names": site.alt_names,
                    "sector": site.sector.as_str(),
                    "category": site.category.as_str(),
                    "countries": site.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                    "status": site.status.as_str(),
                    "start_year": site.start_year,
                    "completion_year": site.completion_year,
                    "capacity": site.capacity.as_ref().map(|c| json!({ "value": c.value, "unit": c.unit })),
                    "operator": site.operator,
                    "partners": site.partners,
                    "precision": site.precision.as_str(),
                    "precision_km": site.precision_km,
                    "report_quote": site.report_quote,
                    "description": site.description,
                    "sources": site.sources.iter().map(|s| json!({ "title": s.title, "url": s.url })).collect::<Vec<_>>(),
                },
                "geometry": geometry(site),
            })
        })
        .collect();
    let collection = json!({
        "type": "FeatureCollection",
        "source": "China–Central Asia Cooperation Atlas, from the Xinhua Institute report Championing the China–Central Asia Spirit",
        "features": features,
    });
    serde_json::to_string_pretty(&collection)
}

/// One CSV row per site, `CSV_COLUMNS` as the header. Lists are joined
/// with "; ".
pub fn to_csv(sites: &[&Site]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for site in sites {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let (lat, lon) = match site.geometry {
            SiteGeometry::Point(p) => (p.lat.to_string(), p.lon.to_string()),
            SiteGeometry::Line(_) => (String::new(), String::new()),
        };
        writer.write_record([
            site.id.clone(),
            site.name.clone(),
            site.alt_names.join("; "),
            site.sector.as_str().to_owned(),
            site.category.as_str().to_owned(),
            site.countries
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            site.status.as_str().to_owned(),
            opt(site.start_year.map(|y| y.to_string())),
            opt(site.completion_year.map(|y| y.to_string())),
            opt(site.capacity.as_ref().map(|c| c.value.to_string())),
            opt(site.capacity.as_ref().map(|c| c.unit.clone())),
            opt(site.operator.clone()),
            site.partners.join("; "),
            site.precision.as_str().to_owned(),
            opt(site.precision_km.map(|k| k.to_string())),
            lat,
            lon,
            geometry(site).to_string(),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
