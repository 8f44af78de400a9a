//! Checks of the documented constraints.
//!
//! Every object, body and request type has `validate()`: it checks what the
//! docs state about each field (lengths, ranges, item counts, documented
//! values, allowed characters) through nested objects, arrays and maps, and collects *every*
//! violation with its JSON path (`jobs[0].name`), the rule, the documented
//! limit and the offending value. The value of a secret field (password, key,
//! token) is never shown. A value the docs do not list for an enum field is a
//! violation. The docs remain the authority: a constraint read from them can
//! be stricter than the service.

use std::collections::BTreeMap;
use std::fmt;

/// The rule a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Fewer characters than documented.
    MinLength,
    /// More characters than documented.
    MaxLength,
    /// Below the documented minimum.
    Minimum,
    /// Above the documented maximum.
    Maximum,
    /// Fewer array items than documented.
    MinItems,
    /// More array items than documented.
    MaxItems,
    /// Not one of the documented values.
    OneOf,
    /// A character outside the documented set (or a wrong first character).
    Pattern,
}

impl Rule {
    /// The rule's name, as in the spec (`min_length`, …, `enum`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::MinLength => "min_length",
            Rule::MaxLength => "max_length",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::MinItems => "min_items",
            Rule::MaxItems => "max_items",
            Rule::OneOf => "enum",
            Rule::Pattern => "pattern",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Where, as a JSON path (`jobs[0].name`); empty for the value itself.
    pub path: String,
    pub rule: Rule,
    /// The documented limit (`4`, or the list of values).
    pub limit: String,
    /// The offending value as text; `None` for secret fields.
    pub value: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(value)" } else { &self.path };
        write!(f, "{path}: {} {}, got ", self.rule, self.limit)?;
        match &self.value {
            Some(value) => f.write_str(value),
            None => f.write_str("a secret value (not shown)"),
        }
    }
}

/// Every violation found by one `validate()` call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

/// At most this many characters of an offending value are shown.
const SHOWN_CHARS: usize = 64;

impl ValidationErrors {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The violations, in the order the fields were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok(())` when nothing was found, else `Err(self)`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    fn push(&mut self, at: &Path<'_>, rule: Rule, limit: String, value: Option<String>) {
        self.violations.push(Violation { path: at.to_string(), rule, limit, value });
    }

    /// Checks a nested value (an object, enum, array or map of them).
    pub fn check<T: Validate + ?Sized>(&mut self, at: &Path<'_>, value: &T) {
        value.validate_at(at, self);
    }

    /// Checks a string's length in characters (`0` and `u64::MAX`: no bound).
    pub fn length<'v>(&mut self, at: &Path<'_>, value: impl Into<Option<&'v str>>, min: u64, max: u64, secret: bool) {
        let Some(value) = value.into() else { return };
        let len = value.chars().count() as u64;
        let shown = || (!secret).then(|| quoted(value));
        if len < min {
            self.push(at, Rule::MinLength, min.to_string(), shown());
        }
        if len > max {
            self.push(at, Rule::MaxLength, max.to_string(), shown());
        }
    }

    /// Checks a number against an inclusive range (`i64::MIN` and `i64::MAX`: no bound).
    pub fn range(&mut self, at: &Path<'_>, value: impl Into<Option<f64>>, min: i64, max: i64, secret: bool) {
        let Some(value) = value.into() else { return };
        let shown = || (!secret).then(|| value.to_string());
        if min != i64::MIN && value < min as f64 {
            self.push(at, Rule::Minimum, min.to_string(), shown());
        }
        if max != i64::MAX && value > max as f64 {
            self.push(at, Rule::Maximum, max.to_string(), shown());
        }
    }

    /// Checks an array's length (`0` and `u64::MAX`: no bound).
    pub fn items(&mut self, at: &Path<'_>, len: impl Into<Option<usize>>, min: u64, max: u64) {
        let Some(len) = len.into() else { return };
        let len = len as u64;
        if len < min {
            self.push(at, Rule::MinItems, min.to_string(), Some(format!("{len} item(s)")));
        }
        if len > max {
            self.push(at, Rule::MaxItems, max.to_string(), Some(format!("{len} item(s)")));
        }
    }

    /// Checks a string against a documented character set: `first` for its
    /// first character, `rest` for every other (`pattern` is the same rule as
    /// a regex, shown as the limit). No regex is compiled.
    pub fn chars<'v>(&mut self, at: &Path<'_>, value: impl Into<Option<&'v str>>, pattern: &str, first: Option<Chars>, rest: Option<Chars>, secret: bool) {
        let Some(value) = value.into() else { return };
        let mut chars = value.chars();
        let first_ok = first.is_none_or(|class| chars.next().is_some_and(|c| class.contains(c)));
        if !first_ok || !rest.is_none_or(|class| chars.all(|c| class.contains(c))) {
            self.push(at, Rule::Pattern, pattern.to_owned(), (!secret).then(|| quoted(value)));
        }
    }

    /// Reports a value the docs do not list.
    pub fn not_listed<T: fmt::Debug, V: fmt::Debug + ?Sized>(&mut self, at: &Path<'_>, values: &[T], value: &V) {
        let limit = values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ");
        self.push(at, Rule::OneOf, format!("one of {limit}"), Some(shorten(&format!("{value:?}"))));
    }
}

/// A documented character class: ASCII uppercase (`1`), lowercase (`2`) and
/// digits (`4`) as flags, plus literal characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chars(pub u8, pub &'static str);

impl Chars {
    /// Whether `c` is in the class.
    pub fn contains(self, c: char) -> bool {
        (self.0 & 1 != 0 && c.is_ascii_uppercase())
            || (self.0 & 2 != 0 && c.is_ascii_lowercase())
            || (self.0 & 4 != 0 && c.is_ascii_digit())
            || self.1.contains(c)
    }
}

fn quoted(value: &str) -> String {
    shorten(&format!("{value:?}"))
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

impl fmt::Display for ValidationErrors {
    /// One violation per line, path first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Where a value sits in the JSON document: a chain of segments kept on the
/// stack while validating, printed only for a violation.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated.
    Root,
    /// A member of an object.
    Field(&'a Path<'a>, &'a str),
    /// An array item.
    Index(&'a Path<'a>, usize),
    /// A map entry.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of member `name`.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of item `index`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The path of map entry `key`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chain = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Field(parent, _) | Path::Index(parent, _) | Path::Key(parent, _) => {
                    chain.push(at);
                    at = parent;
                }
            }
        }
        for (i, segment) in chain.iter().rev().enumerate() {
            match segment {
                Path::Field(_, name) | Path::Key(_, name) if is_plain(name) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Path::Field(_, name) | Path::Key(_, name) => write!(f, "[{name:?}]")?,
                Path::Index(_, index) => write!(f, "[{index}]")?,
                Path::Root => {}
            }
        }
        Ok(())
    }
}

/// A member name printed without quotes.
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '@' | '$'))
}

/// A value whose documented constraints can be checked.
pub trait Validate {
    /// Checks the value sitting at `at`, adding every violation to `errors`.
    fn validate_at(&self, at: &Path<'_>, errors: &mut ValidationErrors);
}

/// Checks `value` and everything in it.
pub fn validate<T: Validate + ?Sized>(value: &T) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    value.validate_at(&Path::Root, &mut errors);
    errors.into_result()
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, at: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_at(at, errors);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_at(at, errors);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: &Path<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&at.index(index), errors);
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_at(&self, at: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.validate_at(&at.key(key), errors);
        }
    }
}

/// Values with nothing documented to check on their own.
macro_rules! nothing_to_check {
    ($($ty:ty),*) => {$(
        impl Validate for $ty {
            fn validate_at(&self, _at: &Path<'_>, _errors: &mut ValidationErrors) {}
        }
    )*};
}

nothing_to_check!(String, bool, i32, i64, f64, serde_json::Value);

/// Stands in for a secret in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// `validate()` on a generated type, and an empty `Validate` impl when it has
/// nothing documented to check: `checks_nothing!(Type)` / `validate_fn!(Type)`.
#[allow(unused_macros)]
macro_rules! validate_fn {
    ($name:ident) => {
        impl $name {
            /// Checks the documented constraints of this value and everything in it.
            pub fn validate(&self) -> ::std::result::Result<(), $crate::validation::ValidationErrors> {
                $crate::validation::validate(self)
            }
        }
    };
}

#[allow(unused_macros)]
macro_rules! checks_nothing {
    ($name:ident) => {
        $crate::validation::validate_fn!($name);
        impl $crate::validation::Validate for $name {
            fn validate_at(&self, _at: &$crate::validation::Path<'_>, _errors: &mut $crate::validation::ValidationErrors) {}
        }
    };
}

/// The conversions, `Display`, `FromStr` and `Validate` of a generated string
/// enum (which has `Unknown(String)`, `as_str()` and `From<&str>`).
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident) => {
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                match value {
                    $name::Unknown(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl $crate::validation::Validate for $name {
            fn validate_at(&self, at: &$crate::validation::Path<'_>, errors: &mut $crate::validation::ValidationErrors) {
                if let Self::Unknown(value) = self {
                    errors.not_listed(at, Self::VALUES, value);
                }
            }
        }
    };
}

/// The same for a generated integer enum (which has `Unknown(i64)`, `value()` and `From<i64>`).
#[allow(unused_macros)]
macro_rules! int_enum {
    ($name:ident) => {
        impl ::std::convert::From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                value.parse::<i64>().map(Self::from)
            }
        }

        impl $crate::validation::Validate for $name {
            fn validate_at(&self, at: &$crate::validation::Path<'_>, errors: &mut $crate::validation::ValidationErrors) {
                if let Self::Unknown(value) = self {
                    errors.not_listed(at, Self::VALUES, value);
                }
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {checks_nothing, int_enum, string_enum, validate_fn};
