//! Closed vocabularies of the data: each value has one spelling in GeoJSON
//! (`as_str`) and parsing anything else is an error listing what is allowed.

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
        match self {
            Sector::Trade => "Trade",
            Sector::Connectivity => "Connectivity",
            Sector::Energy => "Energy",
            Sector::Green => "Green energy",
            Sector::Development => "Development",
            Sector::Security => "Security and diplomacy",
        }
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
        match self {
            Category::Railway => "Railway",
            Category::Highway => "Highway",
            Category::Tunnel => "Tunnel",
            Category::AirRoute => "Air route",
            Category::OilGas => "Oil and gas",
            Category::ThermalPower => "Thermal power plant",
            Category::GasPower => "Gas turbine plant",
            Category::Wind => "Wind farm",
            Category::Solar => "Solar plant",
            Category::Hydro => "Hydropower plant",
            Category::Agriculture => "Agricultural park",
            Category::Security => "Security institution",
            Category::Meeting => "Ministerial meeting",
            Category::Summit => "Summit",
        }
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
        match self {
            Status::Operational => "Operational",
            Status::UnderConstruction => "Under construction",
            Status::Launched => "Launched",
            Status::Planned => "Planned",
            Status::Event => "Event (held)",
            Status::Unknown => "Not known",
        }
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
    pub fn name(self) -> &'static str {
        match self {
            Country::China => "China",
            Country::Kazakhstan => "Kazakhstan",
            Country::Kyrgyzstan => "Kyrgyzstan",
            Country::Tajikistan => "Tajikistan",
            Country::Turkmenistan => "Turkmenistan",
            Country::Uzbekistan => "Uzbekistan",
        }
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
}

/// Where in the report a passage is: what a site's quote is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPlace {
    Intro,
    Achievement(Sector),
}
