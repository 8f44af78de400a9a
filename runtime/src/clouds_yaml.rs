//! `clouds.yaml`, as OpenStack tools and OTC users keep it.

use crate::config::{Cloud, Config, Credentials, PasswordAuth, ProjectScope};
use crate::error::Error;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    clouds: BTreeMap<String, Entry>,
}

#[derive(Deserialize, Default)]
struct Entry {
    #[serde(default)]
    auth: Auth,
    region_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct Auth {
    auth_url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    user_domain_name: Option<String>,
    domain_name: Option<String>,
    token: Option<String>,
    ak: Option<String>,
    sk: Option<String>,
    access_key: Option<String>,
    secret_key: Option<String>,
    security_token: Option<String>,
}

/// The search path: `OS_CLIENT_CONFIG_FILE`, the current directory,
/// `~/.config/openstack`, `/etc/openstack`.
fn candidates(var: &dyn Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(file) = var("OS_CLIENT_CONFIG_FILE") {
        paths.push(PathBuf::from(file));
    }
    paths.push(PathBuf::from("clouds.yaml"));
    if let Some(home) = var("HOME") {
        paths.push(PathBuf::from(home).join(".config/openstack/clouds.yaml"));
    }
    paths.push(PathBuf::from("/etc/openstack/clouds.yaml"));
    paths
}

pub(crate) fn load(name: &str, var: &dyn Fn(&str) -> Option<String>) -> Result<Config, Error> {
    for path in candidates(var) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        return parse(&text, name).map_err(|m| Error::Config(format!("{}: {m}", path.display())));
    }
    Err(Error::Config(format!(
        "cloud `{name}` requested but no clouds.yaml was found"
    )))
}

/// The OTC configuration of cloud `name` in a `clouds.yaml` text.
pub fn parse(text: &str, name: &str) -> Result<Config, String> {
    // The YAML error text may quote the file (passwords): say only where it failed.
    let file: File = serde_yaml_ng::from_str(text).map_err(|e| match e.location() {
        Some(at) => format!(
            "not valid clouds.yaml (line {}, column {})",
            at.line(),
            at.column()
        ),
        None => "not valid clouds.yaml".to_owned(),
    })?;
    let Some(entry) = file.clouds.get(name) else {
        return Err(format!("no cloud named `{name}`"));
    };
    let auth = &entry.auth;
    let mut config = Config::new(Cloud::Otc);
    config.region = entry.region_name.clone();
    config.project_id = auth.project_id.clone();
    config.iam_endpoint = auth.auth_url.clone();
    let ak = auth.ak.clone().or_else(|| auth.access_key.clone());
    let sk = auth.sk.clone().or_else(|| auth.secret_key.clone());
    config.credentials = if let (Some(ak), Some(sk)) = (ak, sk) {
        Credentials::AkSk {
            ak,
            sk: sk.into(),
            security_token: auth.security_token.clone().map(Into::into),
        }
    } else if let Some(token) = &auth.token {
        Credentials::Token(token.clone().into())
    } else if let (Some(user), Some(password)) = (&auth.username, &auth.password) {
        let scope = match (&auth.project_id, &auth.project_name) {
            (Some(id), _) => ProjectScope::Id(id.clone()),
            (None, Some(name)) => ProjectScope::Name(name.clone()),
            (None, None) => ProjectScope::Domain,
        };
        Credentials::Password(PasswordAuth {
            user_name: user.clone(),
            password: password.clone().into(),
            domain_name: auth
                .user_domain_name
                .clone()
                .or_else(|| auth.domain_name.clone())
                .unwrap_or_default(),
            scope,
        })
    } else {
        Credentials::None
    };
    Ok(config)
}
