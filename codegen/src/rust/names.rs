//! Rust identifiers from documented names: the one place that decides casing,
//! sanitising and keyword handling.
//!
//! Policy (typify-style, chosen over raw identifiers because `self`, `Self`,
//! `super` and `crate` cannot be raw and one rule is easier to predict):
//!
//! 1. RST/Markdown escapes (`\`) are dropped; every character that is not an
//!    ASCII letter or digit separates words (so `OS-EXT-STS:vm_state`,
//!    `X-Auth-Token` and `binding:vif_details` split where a reader expects).
//!    Non-ASCII text (Chinese captions) therefore contributes no words.
//! 2. The words are cased with `heck` (`snake_case` for fields and modules,
//!    `UpperCamelCase` for types and variants).
//! 3. Nothing left → a neutral word (`field`, `Unnamed`, `module`).
//! 4. A leading digit gets a prefix: `x_` for snake names, `X` for types.
//! 5. A Rust keyword (strict, reserved or edition-2024 `gen`) gets a trailing `_`:
//!    `type` → `type_`, `self` → `self_`, `Self` → `Self_`.
//! 6. A type named like an item of the Rust prelude or a type the generated
//!    code names (`Option`, `Result`, `String`, `Vec`, `Box`, `Value`, …) gets
//!    the same `_`: the generated code spells every such type by its full path,
//!    but a user who glob-imports a service module would have the prelude's
//!    names shadowed (`Option_` keeps `Option` meaning `Option`).
//!    Operation names are prefixes (`SelfRequest`), so they carry no `_`.
//!
//! The wire name is always kept in `#[serde(rename)]` when it differs, so the
//! mapping may lose information without breaking round trips.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Every keyword that cannot be a plain identifier in edition 2024, plus `_`.
const KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names of the Rust prelude (2024) and of the types generated code
/// names; a type called so would shadow them under a glob import.
const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Value",
    "Vec",
];

/// Whether `s` is a keyword that needs the `_` suffix.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Splits a documented name into ASCII words separated by spaces, so that heck
/// sees only letters, digits and boundaries.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c != '\\')
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn fix_start_and_keyword(mut name: String, digit_prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        name = empty.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// A struct field or request parameter: `X-Auth-Token` → `x_auth_token`.
pub fn to_field_name(wire: &str) -> String {
    fix_start_and_keyword(ascii_words(wire).to_snake_case(), "x_", "field")
}

/// A type name: `extra_dhcp_opt` → `ExtraDhcpOpt`, `CreateJobReq` unchanged,
/// `Option` → `Option_` (rule 6).
pub fn to_type_name(raw: &str) -> String {
    let mut name = fix_start_and_keyword(ascii_words(raw).to_upper_camel_case(), "X", "Unnamed");
    if PRELUDE_TYPES.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// An enum variant for a documented value: like [`to_type_name`] without rule
/// 6 (a variant is always named through its enum: `DbUseType::Sync`).
pub fn to_value_variant_name(raw: &str) -> String {
    fix_start_and_keyword(ascii_words(raw).to_upper_camel_case(), "X", "Unnamed")
}

/// A module name for a service directory: `data-replication-service` → `data_replication_service`.
pub fn to_module_name(service: &str) -> String {
    fix_start_and_keyword(ascii_words(service).to_snake_case(), "x_", "module")
}

/// A Cargo feature name (kebab case, ASCII): `data-replication-service`.
pub fn to_feature_name(service: &str) -> String {
    to_module_name(service)
        .trim_end_matches('_')
        .replace('_', "-")
}

/// A response enum variant for a documented status: `200` → `Status200`,
/// `default` → `Default`, `2xx` → `Status2xx`, `200 OK` → `Status200`.
pub fn to_variant_name(status: &str) -> String {
    let words = ascii_words(status);
    let trimmed = words.trim();
    if let Some(code) = trimmed
        .split_whitespace()
        .next()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        // The code alone: `200 OK` → `Status200`.
        return format!("Status{}", code.to_lowercase());
    }
    fix_start_and_keyword(trimmed.to_upper_camel_case(), "X", "Unknown")
}

/// Leading gerunds of OTC titles and the imperative used in operation names.
const GERUNDS: &[(&str, &str)] = &[
    ("Accepting", "Accept"),
    ("Activating", "Activate"),
    ("Adding", "Add"),
    ("Allocating", "Allocate"),
    ("Applying", "Apply"),
    ("Approving", "Approve"),
    ("Assigning", "Assign"),
    ("Associating", "Associate"),
    ("Attaching", "Attach"),
    ("Authorizing", "Authorize"),
    ("Batch", "Batch"),
    ("Binding", "Bind"),
    ("Canceling", "Cancel"),
    ("Cancelling", "Cancel"),
    ("Changing", "Change"),
    ("Checking", "Check"),
    ("Clearing", "Clear"),
    ("Cloning", "Clone"),
    ("Configuring", "Configure"),
    ("Converting", "Convert"),
    ("Copying", "Copy"),
    ("Creating", "Create"),
    ("Deactivating", "Deactivate"),
    ("Decrypting", "Decrypt"),
    ("Deleting", "Delete"),
    ("Deploying", "Deploy"),
    ("Detaching", "Detach"),
    ("Disabling", "Disable"),
    ("Disassociating", "Disassociate"),
    ("Downloading", "Download"),
    ("Editing", "Edit"),
    ("Enabling", "Enable"),
    ("Encrypting", "Encrypt"),
    ("Executing", "Execute"),
    ("Expanding", "Expand"),
    ("Exporting", "Export"),
    ("Extending", "Extend"),
    ("Freezing", "Freeze"),
    ("Generating", "Generate"),
    ("Getting", "Get"),
    ("Granting", "Grant"),
    ("Importing", "Import"),
    ("Installing", "Install"),
    ("Listing", "List"),
    ("Locking", "Lock"),
    ("Migrating", "Migrate"),
    ("Modifying", "Modify"),
    ("Mounting", "Mount"),
    ("Obtaining", "Obtain"),
    ("Pausing", "Pause"),
    ("Performing", "Perform"),
    ("Processing", "Process"),
    ("Publishing", "Publish"),
    ("Purging", "Purge"),
    ("Querying", "Query"),
    ("Rebooting", "Reboot"),
    ("Rebuilding", "Rebuild"),
    ("Recovering", "Recover"),
    ("Refreshing", "Refresh"),
    ("Registering", "Register"),
    ("Reinstalling", "Reinstall"),
    ("Rejecting", "Reject"),
    ("Releasing", "Release"),
    ("Removing", "Remove"),
    ("Renaming", "Rename"),
    ("Renewing", "Renew"),
    ("Replacing", "Replace"),
    ("Replicating", "Replicate"),
    ("Resetting", "Reset"),
    ("Resizing", "Resize"),
    ("Restarting", "Restart"),
    ("Restoring", "Restore"),
    ("Resuming", "Resume"),
    ("Retrying", "Retry"),
    ("Revoking", "Revoke"),
    ("Running", "Run"),
    ("Saving", "Save"),
    ("Scaling", "Scale"),
    ("Searching", "Search"),
    ("Selecting", "Select"),
    ("Sending", "Send"),
    ("Setting", "Set"),
    ("Specifying", "Specify"),
    ("Starting", "Start"),
    ("Stopping", "Stop"),
    ("Subscribing", "Subscribe"),
    ("Suspending", "Suspend"),
    ("Switching", "Switch"),
    ("Synchronizing", "Synchronize"),
    ("Testing", "Test"),
    ("Transferring", "Transfer"),
    ("Triggering", "Trigger"),
    ("Unbinding", "Unbind"),
    ("Unfreezing", "Unfreeze"),
    ("Uninstalling", "Uninstall"),
    ("Unlocking", "Unlock"),
    ("Unmounting", "Unmount"),
    ("Unsubscribing", "Unsubscribe"),
    ("Updating", "Update"),
    ("Upgrading", "Upgrade"),
    ("Uploading", "Upload"),
    ("Validating", "Validate"),
    ("Verifying", "Verify"),
    ("Viewing", "View"),
];

/// Articles add nothing to an operation name (`Querying an API Version` → `QueryApiVersion`).
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Whether an operation id is already an operation name (`CreateMigrationTask`),
/// as opposed to a doc id (`drs_03_0104`, `vpc_peering_0007`, `record08`).
pub fn is_operation_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_uppercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && id.chars().any(|c| c.is_ascii_lowercase())
}

/// The PascalCase operation name for a title, or `None` when the title has no
/// ASCII words (Huawei titles are Chinese).
pub fn title_to_operation_name(title: &str) -> Option<String> {
    let words = ascii_words(title);
    let mut parts: Vec<String> = Vec::new();
    // A gerund is made imperative at the start and after `or`/`and` that follows
    // one (`Stopping or Deleting Tasks` → `StopOrDeleteTasks`).
    let mut verb_position = true;
    for word in words.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if ARTICLES.contains(&lower.as_str()) {
            continue;
        }
        let verb = GERUNDS.iter().find(|(g, _)| g.eq_ignore_ascii_case(word));
        let word = match verb {
            Some((_, verb)) if verb_position => (*verb).to_owned(),
            _ => word.to_owned(),
        };
        verb_position = matches!(lower.as_str(), "or" | "and")
            && parts.len() == 1
            && GERUNDS.iter().any(|(_, v)| *v == parts[0]);
        parts.push(word);
    }
    let joined = parts.join(" ").to_upper_camel_case();
    (!joined.is_empty())
        .then(|| fix_start_and_keyword(joined, "X", "Unnamed"))
        .map(|n| n.trim_end_matches('_').to_owned())
}

/// The base operation name (before collision handling): an operation id is used
/// as is, a doc id yields to the title, and the id is the last resort.
pub fn to_operation_name(id: &str, title: &str) -> String {
    let name = if is_operation_id(id) {
        to_type_name(id)
    } else {
        title_to_operation_name(title).unwrap_or_else(|| to_type_name(id))
    };
    // A prefix (`SelfRequest`, `OptionResponse`): no keyword or prelude `_`.
    name.trim_end_matches('_').to_owned()
}

/// Joins two PascalCase names (`Error` + `QueryJob` → `ErrorQueryJob`),
/// dropping keyword suffixes so that no `_` ends up inside the result.
pub fn join_type_names(first: &str, second: &str) -> String {
    let joined = format!(
        "{}{}",
        first.trim_end_matches('_'),
        second.trim_end_matches('_')
    );
    fix_start_and_keyword(joined, "X", "Unnamed")
}

/// Makes `candidate` unique against `taken` by appending `sep` + 2, 3, …, and
/// records the result. Deterministic given the order of calls. A keyword's `_`
/// suffix is dropped first (`self_` → `self_2`, `Self_` → `Self2`): a doubled
/// or inner `_` would trip the casing lints.
pub fn unique(candidate: String, sep: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = candidate.clone();
    let stem = candidate.trim_end_matches('_');
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}{sep}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let cases = [
            ("X-Auth-Token", "x_auth_token"),
            ("OS-EXT-STS:vm_state", "os_ext_sts_vm_state"),
            ("\\__system__encrypted", "system_encrypted"),
            ("binding:vif_details", "binding_vif_details"),
            ("camelCase", "camel_case"),
            ("CamelCase", "camel_case"),
            ("snake_case", "snake_case"),
            ("XMLHttpRequest", "xml_http_request"),
            ("123abc", "x_123abc"),
            ("type", "type_"),
            ("self", "self_"),
            ("Self", "self_"),
            ("mod", "mod_"),
            ("gen", "gen_"),
            ("async", "async_"),
            ("-", "field"),
            ("", "field"),
            ("名称", "field"),
            ("project_id", "project_id"),
            ("scaling\\_ configuration \\_id", "scaling_configuration_id"),
            ("Content-Type", "content_type"),
            ("X-Subject-Token", "x_subject_token"),
            (
                "os-vol-tenant-attr:tenant_id",
                "os_vol_tenant_attr_tenant_id",
            ),
            ("@timestamp", "timestamp"),
            ("availability_zone", "availability_zone"),
            ("enterprise_project_id", "enterprise_project_id"),
            ("flavorRef", "flavor_ref"),
            ("imageRef", "image_ref"),
            ("max-keys", "max_keys"),
            ("extra_dhcp_opts", "extra_dhcp_opts"),
            ("name名称", "name"),
            ("ipv6Enable", "ipv6_enable"),
            ("IPv6", "i_pv6"),
        ];
        for (input, want) in cases {
            assert_eq!(to_field_name(input), want, "to_field_name({input:?})");
        }
    }

    #[test]
    fn type_names() {
        let cases = [
            ("CreateJobReq", "CreateJobReq"),
            ("extra_dhcp_opt", "ExtraDhcpOpt"),
            ("extra\\_dhcp\\_opt对象", "ExtraDhcpOpt"),
            ("Error", "Error"),
            ("Option", "Option_"),
            ("result", "Result_"),
            ("Value", "Value_"),
            ("string", "String_"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("响应Body参数", "Body"),
            ("请求参数", "Unnamed"),
            ("", "Unnamed"),
            ("1st_gen", "X1stGen"),
            ("OS-EXT-STS", "OsExtSts"),
            ("resource_tag", "ResourceTag"),
            ("Table 4 CreateJobReq", "Table4CreateJobReq"),
            ("RedisConfig", "RedisConfig"),
        ];
        for (input, want) in cases {
            assert_eq!(to_type_name(input), want, "to_type_name({input:?})");
        }
    }

    #[test]
    fn module_and_feature_names() {
        let cases = [
            (
                "data-replication-service",
                "data_replication_service",
                "data-replication-service",
            ),
            ("oms", "oms", "oms"),
            (
                "elastic-volume-service",
                "elastic_volume_service",
                "elastic-volume-service",
            ),
            ("anti-ddos", "anti_ddos", "anti-ddos"),
            ("mod", "mod_", "mod"),
            ("3rd-party", "x_3rd_party", "x-3rd-party"),
        ];
        for (input, module, feature) in cases {
            assert_eq!(to_module_name(input), module, "to_module_name({input:?})");
            assert_eq!(
                to_feature_name(input),
                feature,
                "to_feature_name({input:?})"
            );
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("200", "Status200"),
            ("202", "Status202"),
            ("404", "Status404"),
            ("default", "Default"),
            ("2xx", "Status2xx"),
            ("4XX", "Status4xx"),
            ("200 OK", "Status200"),
            ("201 Created", "Status201"),
            ("", "Unknown"),
            ("Self", "Self_"),
        ];
        for (input, want) in cases {
            assert_eq!(to_variant_name(input), want, "to_variant_name({input:?})");
        }
    }

    #[test]
    fn operation_names() {
        let cases = [
            (
                "drs_03_0104",
                "Creating Tasks in Batches",
                "CreateTasksInBatches",
            ),
            (
                "antiddos_02_0028",
                "Querying an API Version",
                "QueryApiVersion",
            ),
            ("AddAclRule", "Creating an ACL Rule", "AddAclRule"),
            ("ShowQuotas", "查询CCE服务下的资源配额", "ShowQuotas"),
            ("vpc_peering_0007", "创建对等连接", "VpcPeering0007"),
            ("record08", "Deleting a Record Set", "DeleteRecordSet"),
            (
                "evs_04_2003",
                "Modifying EVS Disk Names (Discarded)",
                "ModifyEvsDiskNamesDiscarded",
            ),
            ("en-us_topic_0001", "Listing the Tasks", "ListTasks"),
            ("x", "Obtaining", "Obtain"),
            ("ZH-CN_TOPIC_0123", "", "ZhCnTopic0123"),
            // Prefixes of `…Request`: no keyword or prelude suffix.
            ("x", "Self", "Self"),
            ("Option", "Option", "Option"),
        ];
        for (id, title, want) in cases {
            assert_eq!(
                to_operation_name(id, title),
                want,
                "to_operation_name({id:?}, {title:?})"
            );
        }
    }

    /// Odd inputs: every output must be a valid, non-keyword identifier in the
    /// casing rustc's lints expect.
    #[test]
    fn outputs_are_valid_identifiers() {
        let mut inputs: Vec<String> = [
            "",
            " ",
            "_",
            "__",
            "-",
            "--x--",
            "\\",
            "::",
            "a::b",
            "$ref",
            "@odata.type",
            "x.y.z",
            "0",
            "007",
            "1_2",
            "a1",
            "A1B2",
            "ÄÖÜ",
            "名称",
            "名称1",
            "😀",
            "self",
            "Self",
            "super",
            "crate",
            "gen",
            "r#type",
            "type_",
            "foo__bar",
            "FOO_BAR",
            "HTTPServer",
            "ipV4",
            "v2.1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.extend((0x21u8..0x7f).map(|b| format!("{}a{}", b as char, b as char)));
        for input in &inputs {
            for (kind, name) in [
                ("field", to_field_name(input)),
                ("module", to_module_name(input)),
                ("type", to_type_name(input)),
                ("variant", to_variant_name(input)),
                // Operation names are prefixes of `…Request` / `…Response`.
                (
                    "operation",
                    format!("{}Request", to_operation_name(input, input)),
                ),
            ] {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "{kind} {input:?} -> {name:?}"
                );
                let snake = kind == "field" || kind == "module";
                let core = name.trim_end_matches('_');
                let ok = if snake {
                    !core.contains("__") && !name.chars().any(|c| c.is_ascii_uppercase())
                } else {
                    !core.contains('_') && name.starts_with(|c: char| c.is_ascii_uppercase())
                };
                assert!(ok, "{kind} {input:?} -> {name:?} breaks the casing lints");
            }
        }
    }

    #[test]
    fn joined_type_names() {
        assert_eq!(join_type_names("Error", "QueryJob"), "ErrorQueryJob");
        assert_eq!(join_type_names("Self_", "ASelf"), "SelfASelf");
        assert_eq!(join_type_names("Self_", ""), "Self_");
    }

    #[test]
    fn unique_appends_counters_in_call_order() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a".into(), "_", &mut taken), "a");
        assert_eq!(unique("a".into(), "_", &mut taken), "a_2");
        assert_eq!(unique("a".into(), "_", &mut taken), "a_3");
        assert_eq!(unique("self_".into(), "_", &mut taken), "self_");
        assert_eq!(unique("self_".into(), "_", &mut taken), "self_2");
        assert_eq!(unique("Self_".into(), "", &mut taken), "Self_");
        assert_eq!(unique("Self_".into(), "", &mut taken), "Self2");
    }
}
