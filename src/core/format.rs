//! Vietnamese presentation of dates and numbers: `dd/mm/yyyy`, `1.234,5`.
//! A leaf of the core: it uses nothing else in it.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

// Dates are written and read by hand rather than with chrono's strftime:
// its format-string machinery would cost the browser build tens of KB.

/// `15/07/2025`.
pub fn date(day: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
}

/// `09:05:03`.
pub fn time_of_day(at: impl Timelike) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

/// Reads `2025-07-15` (ISO 8601, as files and spreadsheets write it).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads a date as a Vietnamese user types it: `15/07/2025`, `15/7/2025`,
/// `15-07-2025` or `15.07.2025` (day first, four-digit year), or ISO
/// `2025-07-15`. The date fields are plain text for this reason: an
/// `<input type="date">` follows the browser's language and shows
/// mm/dd/yyyy in an English-language browser.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(day) = parse_iso_date(text) {
        return Some(day);
    }
    let mut parts = text.split(['/', '-', '.']);
    let day = parts.next()?.trim().parse().ok()?;
    let month = parts.next()?.trim().parse().ok()?;
    let year_text = parts.next()?.trim();
    if parts.next().is_some() || year_text.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year_text.parse().ok()?, month, day)
}

/// What a date field says when its text is not a date.
pub const DATE_HINT: &str = "Nhập ngày dạng ngày/tháng/năm, ví dụ 28/07/2025.";

/// `Thứ Ba, 15/07/2025`.
pub fn date_with_weekday(day: NaiveDate) -> String {
    format!("{}, {}", weekday(day.weekday()), date(day))
}

/// `Thứ Ba, 15/07`: a day inside the campaign, where the year goes without saying.
pub fn day_with_weekday(day: NaiveDate) -> String {
    format!(
        "{}, {:02}/{:02}",
        weekday(day.weekday()),
        day.day(),
        day.month()
    )
}

/// Vietnamese weekday name.
pub fn weekday(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// A whole number with `.` between thousands: `20.000`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        grouped.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// A number with `decimals` digits after a `,`: `1.234,5`.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let sign = if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{}", integer(whole))
    } else {
        format!("{sign}{},{fraction}", integer(whole))
    }
}

/// `at` in Vietnam's time zone (UTC+7), where deadlines and file names are dated.
pub fn vietnam_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset"))
}

/// `22/07`: a day of the campaign, whose year goes without saying.
pub fn day_month(day: NaiveDate) -> String {
    format!("{:02}/{:02}", day.day(), day.month())
}

/// `22/07 14:03`, in Vietnam's time zone: a moment of the campaign.
pub fn day_month_time(at: DateTime<Utc>) -> String {
    day_and_time(at, day_month)
}

/// `15/08/2025 17:00`, in Vietnam's time zone.
pub fn date_time(at: DateTime<Utc>) -> String {
    day_and_time(at, date)
}

/// The day of `at` in Vietnam, as `day` writes it, then its hour and minute.
fn day_and_time(at: DateTime<Utc>, day: fn(NaiveDate) -> String) -> String {
    let at = vietnam_time(at);
    format!(
        "{} {:02}:{:02}",
        day(at.date_naive()),
        at.hour(),
        at.minute()
    )
}

/// The base letter of a Vietnamese letter: `ệ` → `e`, `đ` → `d`.
fn fold_vietnamese(c: char) -> char {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    GROUPS
        .iter()
        .find(|(_, variants)| variants.contains(c))
        .map_or(c, |(base, _)| *base)
}

/// A name as a file-name part: `Phòng Pháp chế` → `phong-phap-che`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_vietnamese)
    {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "phong".to_string()
    } else {
        slug.to_string()
    }
}

/// Text escaped for XML (and HTML), with the characters XML 1.0 forbids dropped.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml_text(&mut out, text);
    out
}

/// [`xml_text`] appended to `out`: a province's sheet escapes 500,000 cells,
/// and a string for each was a tenth of its time.
pub fn push_xml_text(out: &mut String, text: &str) {
    // Most text needs nothing escaped or dropped: copied whole.
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"') || b < 0x20 || b == 0xEF)
    {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A UTC timestamp as chrono writes it (`2025-07-15T08:30:00Z`, a fraction
/// of a second optional), read by hand: every record carries one, and
/// chrono's general parser was the largest single cost of reading a
/// province's files after the JSON itself (perf, `thidua-cli validate`).
/// Anything else — an offset, a leap second, garbage — is `None`, and
/// [`deserialize_utc`] hands it to chrono.
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[b.len() - 1] != b'Z'
    {
        return None;
    }
    let digits = |from: usize, to: usize| decimal_digits(&b[from..to]);
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(20, b.len() - 1)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let date = parse_written_date(&text[..10])?;
    let time =
        NaiveTime::from_hms_nano_opt(digits(11, 13)?, digits(14, 16)?, digits(17, 19)?, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// A day as chrono writes it (`2025-07-15`), read by hand: every daily
/// report and initiative carries one, and chrono's general parser was 4 %
/// of decoding a province's files (callgrind, `benches/import.rs`).
/// Anything else is `None`, and [`deserialize_date`] hands it to chrono.
pub fn parse_written_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        decimal_digits(&b[..4])? as i32,
        decimal_digits(&b[5..7])?,
        decimal_digits(&b[8..])?,
    )
}

/// The number `digits` spell, if they are all ASCII digits.
fn decimal_digits(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `#[serde(deserialize_with)]` for a `NaiveDate`: [`parse_written_date`],
/// and chrono's own parser (with its error) for whatever that does not take.
pub fn deserialize_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    deserialize_by_hand(deserializer, "a date (YYYY-MM-DD)", parse_written_date)
}

/// A string read by `by_hand` where it can, and by `T`'s own `FromStr`
/// (with its error) for whatever that does not take.
fn deserialize_by_hand<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    by_hand: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    struct Text<T> {
        expecting: &'static str,
        by_hand: fn(&str) -> Option<T>,
    }
    impl<T> serde::de::Visitor<'_> for Text<T>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            match (self.by_hand)(text) {
                Some(value) => Ok(value),
                None => text.parse().map_err(E::custom),
            }
        }
    }
    deserializer.deserialize_str(Text { expecting, by_hand })
}

/// `#[serde(deserialize_with)]` for a `DateTime<Utc>`: [`parse_utc`], and
/// chrono's own parser (with its error) for whatever that does not take.
pub fn deserialize_utc<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    deserialize_by_hand(deserializer, "an RFC 3339 timestamp", parse_utc)
}

/// [`deserialize_utc`] for an `Option<DateTime<Utc>>` (with
/// `#[serde(default)]`, so that an absent field is `None`).
pub fn deserialize_optional_utc<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    #[derive(serde::Deserialize)]
    struct ByHand(#[serde(deserialize_with = "deserialize_utc")] DateTime<Utc>);
    Ok(<Option<ByHand> as serde::Deserialize>::deserialize(deserializer)?.map(|ByHand(at)| at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_by_hand_as_chrono_reads_them() {
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let seconds = (seed >> 20) % 4_000_000_000;
            let nanos = [
                0,
                1_000_000 * ((seed >> 8) % 1000) as u32,
                (seed % 1_000_000_000) as u32,
            ][(seed % 3) as usize];
            let at = DateTime::<Utc>::from_timestamp(seconds as i64, nanos).unwrap();
            let text = serde_json::to_string(&at).unwrap();
            let text = text.trim_matches('"');
            assert_eq!(parse_utc(text), Some(at), "{text}");
            assert_eq!(text.parse::<DateTime<Utc>>().ok(), Some(at));
        }
        for other in [
            "2025-07-15T08:30:00+07:00",
            "2025-07-15 08:30:00Z",
            "2025-02-30T08:30:00Z",
            "2025-07-15T24:00:00Z",
            "2025-07-15T08:30:00.Z",
            "2025-07-15T08:30:00.1234567890Z",
            "２025-07-15T08:30:00Z",
            "2025-07-15T08:30:0xZ",
            "",
        ] {
            assert_eq!(parse_utc(other), None, "{other}");
        }
        // What the hand parser leaves, chrono still reads (or refuses as before).
        let read = |text: &str| {
            serde_json::from_value::<Wrapper>(serde_json::json!({ "at": text })).map(|w| w.at)
        };
        #[derive(serde::Deserialize)]
        struct Wrapper {
            #[serde(deserialize_with = "deserialize_utc")]
            at: DateTime<Utc>,
        }
        assert_eq!(
            read("2025-07-15T15:30:00+07:00").unwrap(),
            read("2025-07-15T08:30:00Z").unwrap()
        );
        assert!(read("hôm qua").is_err());
    }

    #[test]
    fn optional_timestamps_read_by_hand_absent_null_or_given() {
        #[derive(serde::Deserialize)]
        struct Wrapper {
            #[serde(default, deserialize_with = "deserialize_optional_utc")]
            at: Option<DateTime<Utc>>,
        }
        let read = |json: &str| serde_json::from_str::<Wrapper>(json).map(|w| w.at);
        let at = "2025-07-15T08:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(read("{}").unwrap(), None);
        assert_eq!(read(r#"{"at":null}"#).unwrap(), None);
        assert_eq!(read(r#"{"at":"2025-07-15T08:30:00Z"}"#).unwrap(), Some(at));
        assert_eq!(
            read(r#"{"at":"2025-07-15T15:30:00+07:00"}"#).unwrap(),
            Some(at)
        );
        assert!(read(r#"{"at":"hôm qua"}"#).is_err());
        assert!(read(r#"{"at":7}"#).is_err());
    }

    #[test]
    fn dates_read_by_hand_as_chrono_reads_them() {
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        // Years 1 to 9967: beyond 9999 chrono writes a sign, left to chrono.
        for offset in (0..3_640_000).step_by(37) {
            let day = first + chrono::Duration::days(offset);
            let text = serde_json::to_string(&day).unwrap();
            let text = text.trim_matches('"');
            assert_eq!(parse_written_date(text), Some(day), "{text}");
        }
        for other in [
            "2025-02-29",
            "2025-13-01",
            "2025-7-15",
            "2025/07/15",
            " 2025-07-15",
            "+2025-07-15",
            "２025-07-15",
            "2025-07-1x",
            "",
        ] {
            assert_eq!(parse_written_date(other), None, "{other}");
        }
        // What the hand parser leaves, chrono still reads (or refuses as before).
        #[derive(serde::Deserialize)]
        struct Wrapper {
            #[serde(deserialize_with = "deserialize_date")]
            day: NaiveDate,
        }
        let read = |text: &str| {
            serde_json::from_value::<Wrapper>(serde_json::json!({ "day": text }))
                .map(|w| w.day)
                .ok()
        };
        for text in [
            "2025-7-15",
            "+2025-07-15",
            "2025-07-15",
            "2025-02-29",
            "hôm qua",
        ] {
            assert_eq!(read(text), text.parse::<NaiveDate>().ok(), "{text}");
        }
    }

    #[test]
    fn numbers_use_vietnamese_separators() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1000), "1.000");
        assert_eq!(integer(48_000), "48.000");
        assert_eq!(integer(-1_234_567), "-1.234.567");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(99.999, 1), "100,0");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(-2.5, 1), "-2,5");
        assert_eq!(decimal(7.0, 0), "7");
        assert_eq!(decimal(f64::NAN, 1), "—");
    }

    #[test]
    fn dates_are_day_month_year() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap();
        assert_eq!(date(day), "15/07/2025");
        assert_eq!(date_with_weekday(day), "Thứ Ba, 15/07/2025");
        assert_eq!(day_with_weekday(day), "Thứ Ba, 15/07");
    }

    #[test]
    fn slugs_fold_vietnamese_and_drop_markup() {
        assert_eq!(slug("Phòng Pháp chế"), "phong-phap-che");
        assert_eq!(
            slug("Phòng Kế hoạch – Tài chính"),
            "phong-ke-hoach-tai-chinh"
        );
        assert_eq!(slug("Đội <script>"), "doi-script");
        assert_eq!(slug("!!!"), "phong");
    }

    #[test]
    fn dates_and_times_read_and_write_by_hand() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 5).unwrap();
        assert_eq!(date(day), "05/07/2025");
        assert_eq!(parse_iso_date("2025-07-05"), Some(day));
        assert_eq!(parse_iso_date(" 2025-7-5 "), Some(day));
        for bad in ["", "2025-02-30", "05/07/2025", "2025-07", "abc-de-fg"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2025, 8, 17, 17, 5, 9).unwrap();
        assert_eq!(date_time(at), "18/08/2025 00:05", "UTC+7");
        assert_eq!(time_of_day(at), "17:05:09");
    }

    #[test]
    fn dates_are_read_day_first_whatever_the_separator() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 28).unwrap();
        for text in [
            "28/07/2025",
            " 28/7/2025 ",
            "28-07-2025",
            "28.07.2025",
            "2025-07-28",
        ] {
            assert_eq!(parse_date(text), Some(day), "{text}");
        }
        for text in [
            "07/28/2025",
            "28/07/25",
            "31/02/2025",
            "28/07",
            "",
            "ngày 28",
            "28/07/2025/1",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
