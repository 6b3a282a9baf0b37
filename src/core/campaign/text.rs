//! [`Text`]: a name or id that every copy shares.
//!
//! The evaluation gives each of a province's 20,000 officers its id and
//! name; as `String`s that was 40,000 allocations to make and as many to
//! free on every evaluation, about a fifth of it in Chromium. A `Text`
//! copies by counting, so the campaign's own names serve every evaluation.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Immutable text whose clones share one allocation. Reads as a `&str`
/// (it derefs to one) and is written and read as a JSON string, so the
/// stored and exchanged formats do not change.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from("")
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(Arc::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Arc::from(text))
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::from(text.as_str())
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0.as_ref().to_owned()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// Reads a string straight into its shared allocation: one allocation, as
/// a `String` takes (serde's own `Arc<str>` goes through a `String` first).
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::from(text))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_a_json_string() {
        let text: Text = serde_json::from_str(r#""Nguyễn Thị \"Hương\"""#).unwrap();
        assert_eq!(text, "Nguyễn Thị \"Hương\"");
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#""Nguyễn Thị \"Hương\"""#
        );
        assert!(serde_json::from_str::<Text>("17").is_err());
    }

    #[test]
    fn clones_share_one_allocation() {
        let text = Text::from("can-bo-0001");
        let copy = text.clone();
        assert!(std::ptr::eq(text.as_str(), copy.as_str()));
    }

    #[test]
    fn orders_and_compares_as_its_str() {
        let (a, b) = (Text::from("An"), Text::from("Ánh"));
        assert_eq!(a.cmp(&b), "An".cmp("Ánh"));
        let owned = String::from("An");
        assert_eq!(a, "An");
        assert_eq!("An", a);
        assert_eq!(a, owned);
        assert_eq!(owned, a);
        assert_ne!(b, owned);
    }
}
