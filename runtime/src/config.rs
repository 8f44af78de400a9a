//! [`Config`]: cloud, region, project, endpoints, credentials, timeouts,
//! retries — from code ([`Config::new`] and its `with_*` methods), from the
//! environment ([`Config::from_env`]) or from `clouds.yaml` ([`Config::from_clouds_yaml`]).

use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use std::collections::BTreeMap;
use std::time::Duration;

/// Which cloud a service belongs to; decides the default host names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cloud {
    /// Open Telekom Cloud: `https://{prefix}.{region}.otc.t-systems.com`.
    Otc,
    /// Huawei Cloud: `https://{prefix}.{region}.myhuaweicloud.com`.
    Huawei,
}

impl Cloud {
    pub fn domain(self) -> &'static str {
        match self {
            Cloud::Otc => "otc.t-systems.com",
            Cloud::Huawei => "myhuaweicloud.com",
        }
    }
}

/// One service, as the generated code describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    pub cloud: Cloud,
    /// The service name in the specs, e.g. `data-replication-service`.
    pub name: &'static str,
    /// The host prefix (`drs`), from `specs/sources.toml`; `None` when the
    /// specs do not say, and then an endpoint must be configured.
    pub endpoint: Option<&'static str>,
}

/// The IAM project a password token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectScope {
    Id(String),
    Name(String),
    /// A domain-scoped token (for global services such as IAM itself).
    Domain,
}

/// IAM user and password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordAuth {
    pub user_name: String,
    pub password: Secret,
    pub domain_name: String,
    pub scope: ProjectScope,
}

/// How requests are authenticated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Credentials {
    /// Send nothing (a local test server, or a public API).
    #[default]
    None,
    /// A token obtained elsewhere, sent as `X-Auth-Token`.
    Token(Secret),
    /// IAM password authentication; the token is cached, refreshed before it
    /// expires and re-obtained once when a call answers 401.
    Password(PasswordAuth),
    /// AK/SK signing (`SDK-HMAC-SHA256`), with `X-Security-Token` for temporary keys.
    AkSk {
        ak: String,
        sk: Secret,
        security_token: Option<Secret>,
    },
}

/// Client configuration. `Debug` never shows a secret.
#[derive(Debug, Clone)]
pub struct Config {
    pub cloud: Cloud,
    pub region: Option<String>,
    pub project_id: Option<String>,
    /// Sent as `X-Domain-Id` with AK/SK when no project id is configured (global services).
    pub domain_id: Option<String>,
    pub credentials: Credentials,
    /// Base URL per service, keyed by service name (`data-replication-service`)
    /// or host prefix (`drs`); wins over `endpoint_all` and the default host.
    pub endpoints: BTreeMap<String, String>,
    /// One base URL for every service and IAM (a proxy or a local server).
    pub endpoint_all: Option<String>,
    /// IAM base URL (without `/v3`); default `https://iam.{region}.{domain}`.
    pub iam_endpoint: Option<String>,
    /// Whole-request timeout, per attempt.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub user_agent: String,
    pub retry: RetryPolicy,
    /// A cached IAM token is renewed when it has less than this left.
    pub token_refresh_margin: Duration,
    /// Check each request's documented constraints before sending (where generated).
    pub validate: bool,
}

impl Config {
    /// A configuration for `cloud` with no credentials and the defaults:
    /// 30 s timeout, 10 s connect timeout, 3 attempts.
    pub fn new(cloud: Cloud) -> Self {
        Config {
            cloud,
            region: None,
            project_id: None,
            domain_id: None,
            credentials: Credentials::None,
            endpoints: BTreeMap::new(),
            endpoint_all: None,
            iam_endpoint: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("cloud-client-rust/{}", env!("CARGO_PKG_VERSION")),
            retry: RetryPolicy::default(),
            token_refresh_margin: Duration::from_secs(300),
            validate: true,
        }
    }

    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    pub fn with_token(self, token: impl Into<Secret>) -> Self {
        self.with_credentials(Credentials::Token(token.into()))
    }

    pub fn with_aksk(self, ak: impl Into<String>, sk: impl Into<Secret>) -> Self {
        self.with_credentials(Credentials::AkSk {
            ak: ak.into(),
            sk: sk.into(),
            security_token: None,
        })
    }

    pub fn with_password(self, auth: PasswordAuth) -> Self {
        self.with_credentials(Credentials::Password(auth))
    }

    /// Sends one service's requests to `base_url` (key: service name or host prefix).
    pub fn with_endpoint(
        mut self,
        service: impl Into<String>,
        base_url: impl Into<String>,
    ) -> Self {
        self.endpoints.insert(service.into(), base_url.into());
        self
    }

    /// Sends every request, IAM included, to `base_url`.
    pub fn with_endpoint_all(mut self, base_url: impl Into<String>) -> Self {
        self.endpoint_all = Some(base_url.into());
        self
    }

    pub fn with_iam_endpoint(mut self, base_url: impl Into<String>) -> Self {
        self.iam_endpoint = Some(base_url.into());
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Whether requests are checked against their documented constraints
    /// before sending (default `true`; per call: `CallOptions::validate`).
    pub fn with_validation(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The base URL (scheme and host, no trailing `/`) of `service`.
    pub fn endpoint_of(&self, service: &Service) -> Result<String, Error> {
        let configured = self
            .endpoints
            .get(service.name)
            .or_else(|| service.endpoint.and_then(|p| self.endpoints.get(p)))
            .or(self.endpoint_all.as_ref());
        if let Some(url) = configured {
            return Ok(url.trim_end_matches('/').to_owned());
        }
        let Some(prefix) = service.endpoint else {
            return Err(Error::Config(format!(
                "no endpoint is known for service `{}`: configure one with Config::with_endpoint",
                service.name
            )));
        };
        let region = self.region_or_err()?;
        Ok(format!(
            "https://{prefix}.{region}.{}",
            service.cloud.domain()
        ))
    }

    /// The IAM base URL (no `/v3`).
    pub fn iam_base(&self) -> Result<String, Error> {
        if let Some(url) = self.iam_endpoint.as_ref().or(self.endpoint_all.as_ref()) {
            let url = url.trim_end_matches('/');
            return Ok(url.strip_suffix("/v3").unwrap_or(url).to_owned());
        }
        let region = self.region_or_err()?;
        Ok(format!("https://iam.{region}.{}", self.cloud.domain()))
    }

    fn region_or_err(&self) -> Result<&str, Error> {
        self.region.as_deref().ok_or_else(|| {
            Error::Config("no region configured (Config::with_region, OS_REGION_NAME)".into())
        })
    }

    /// Settings from the environment in the cloud's conventional names (see
    /// [`Config::from_vars`]).
    pub fn from_env(cloud: Cloud) -> Result<Self, Error> {
        Self::from_vars(cloud, |name| std::env::var(name).ok())
    }

    /// Settings from `var`: for OTC `OS_CLOUD` (then `clouds.yaml` first),
    /// `OS_ACCESS_KEY`/`OS_SECRET_KEY`/`OS_SECURITY_TOKEN`, `OS_AUTH_TOKEN`,
    /// `OS_USERNAME`/`OS_PASSWORD`/`OS_DOMAIN_NAME`, `OS_PROJECT_ID`,
    /// `OS_PROJECT_NAME`, `OS_REGION_NAME`, `OS_AUTH_URL`; for Huawei
    /// `HUAWEICLOUD_SDK_AK`/`_SK`/`_SECURITY_TOKEN`, `_PROJECT_ID`, `_DOMAIN_ID`,
    /// `_IAM_ENDPOINT`, `_REGION`. AK/SK wins over a token, a token over a password.
    pub fn from_vars(cloud: Cloud, var: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let get = |name: &str| var(name).filter(|v| !v.is_empty());
        match cloud {
            Cloud::Otc => {
                let mut config = match get("OS_CLOUD") {
                    Some(name) => crate::clouds_yaml::load(&name, &var)?,
                    None => Config::new(Cloud::Otc),
                };
                config.region = get("OS_REGION_NAME").or(config.region);
                config.project_id = get("OS_PROJECT_ID").or(config.project_id);
                config.iam_endpoint = get("OS_AUTH_URL").or(config.iam_endpoint);
                if let (Some(ak), Some(sk)) = (get("OS_ACCESS_KEY"), get("OS_SECRET_KEY")) {
                    config.credentials = Credentials::AkSk {
                        ak,
                        sk: sk.into(),
                        security_token: get("OS_SECURITY_TOKEN").map(Secret::from),
                    };
                } else if let Some(token) = get("OS_AUTH_TOKEN") {
                    config.credentials = Credentials::Token(token.into());
                } else if let (Some(user), Some(password)) =
                    (get("OS_USERNAME"), get("OS_PASSWORD"))
                {
                    let scope = match (&config.project_id, get("OS_PROJECT_NAME")) {
                        (Some(id), _) => ProjectScope::Id(id.clone()),
                        (None, Some(name)) => ProjectScope::Name(name),
                        (None, None) => ProjectScope::Domain,
                    };
                    config.credentials = Credentials::Password(PasswordAuth {
                        user_name: user,
                        password: password.into(),
                        domain_name: get("OS_DOMAIN_NAME")
                            .or_else(|| get("OS_USER_DOMAIN_NAME"))
                            .unwrap_or_default(),
                        scope,
                    });
                }
                Ok(config)
            }
            Cloud::Huawei => {
                let mut config = Config::new(Cloud::Huawei);
                config.region = get("HUAWEICLOUD_SDK_REGION");
                config.project_id = get("HUAWEICLOUD_SDK_PROJECT_ID");
                config.domain_id = get("HUAWEICLOUD_SDK_DOMAIN_ID");
                config.iam_endpoint = get("HUAWEICLOUD_SDK_IAM_ENDPOINT");
                if let (Some(ak), Some(sk)) = (get("HUAWEICLOUD_SDK_AK"), get("HUAWEICLOUD_SDK_SK"))
                {
                    config.credentials = Credentials::AkSk {
                        ak,
                        sk: sk.into(),
                        security_token: get("HUAWEICLOUD_SDK_SECURITY_TOKEN").map(Secret::from),
                    };
                }
                Ok(config)
            }
        }
    }

    /// The cloud `name` of the first `clouds.yaml` found (`OS_CLIENT_CONFIG_FILE`,
    /// `./clouds.yaml`, `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml`).
    pub fn from_clouds_yaml(name: &str) -> Result<Self, Error> {
        crate::clouds_yaml::load(name, &|n: &str| std::env::var(n).ok())
    }
}
