//! `specs/sources.toml`: the services `codegen sync` extracts, and where their docs live.

use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    #[serde(rename = "service")]
    pub services: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The service name in the spec (the docs directory name, e.g. `oms`).
    pub name: String,
    /// `otc` or `huawei`.
    pub cloud: String,
    /// Docs directory relative to the docs root.
    pub path: String,
    /// The docs repository (`sync` fills it in when it can tell).
    #[serde(default)]
    pub repository: Option<String>,
    /// The docs commit last read (`sync` fills it in when it can tell).
    #[serde(default)]
    pub commit: Option<String>,
    /// The API host prefix: requests go to `https://{endpoint}.{region}.otc.t-systems.com`
    /// (Huawei: `….myhuaweicloud.com`). Often not the name (`as` for auto-scaling,
    /// `dcaas` for direct-connect). Without it the generated client knows no
    /// default host and a caller must configure the service's endpoint; the
    /// committed list gives it for every service (a test checks).
    #[serde(default)]
    pub endpoint: Option<String>,
}

impl Source {
    /// `specs/<stem>.json`: the name for OTC, `<cloud>-<name>` for other clouds,
    /// matching the generated crate's feature names.
    pub fn spec_stem(&self) -> String {
        if self.cloud == "otc" {
            self.name.clone()
        } else {
            format!("{}-{}", self.cloud, self.name)
        }
    }

    /// The spec's file name in `specs/`.
    pub fn spec_file(&self) -> String {
        format!("{}.json", self.spec_stem())
    }
}

impl Sources {
    /// Host prefix per spec stem (the generated crate's feature name).
    pub fn endpoints(&self) -> std::collections::BTreeMap<String, String> {
        self.services
            .iter()
            .filter_map(|s| Some((s.spec_stem(), s.endpoint.clone()?)))
            .collect()
    }

    pub fn load(path: &Path) -> Result<Sources, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sources: Sources =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut names: Vec<String> = sources.services.iter().map(Source::spec_stem).collect();
        names.sort();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!(
                "{}: service `{}` is listed twice",
                path.display(),
                w[0]
            ));
        }
        Ok(sources)
    }
}
