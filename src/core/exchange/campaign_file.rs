//! The campaign file: the Legal Division exports the campaign definition and
//! every division imports it, so all share one campaign id and criteria.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::core::campaign::model::{Campaign, Target, SCHEMA_VERSION};
use crate::core::exchange::persist::base64_decode;
use crate::core::format;

/// The `format` field of a campaign file.
pub const CAMPAIGN_FILE_FORMAT: &str = "thidua-campaign";
/// Larger files are refused before parsing: a campaign of a whole province
/// (2,000 units, 20,000 officers) is about 2 MB.
pub const MAX_CAMPAIGN_FILE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct CampaignFile {
    format: String,
    schema_version: u32,
    exported_at: DateTime<Utc>,
    campaign: Campaign,
}

/// Why a campaign file was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum CampaignFileError {
    /// Larger than [`MAX_CAMPAIGN_FILE_BYTES`].
    TooLarge(usize),
    /// Not JSON (or cut short).
    NotJson(String),
    /// JSON, but not a campaign file (maybe a division's export).
    WrongFormat(Option<String>),
    /// From a newer version of the app.
    Newer(u32),
    /// A campaign file whose content is not usable.
    Invalid(Vec<String>),
}

impl fmt::Display for CampaignFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CampaignFileError::TooLarge(size) => write!(
                f,
                "Tệp quá lớn ({} byte) để là tệp thiết lập phong trào.",
                format::integer(*size as i64)
            ),
            CampaignFileError::NotJson(reason) => write!(
                f,
                "Tệp không phải JSON hợp lệ hoặc bị cắt dở ({reason}). Hãy xin lại tệp chiến \
                 dịch từ Phòng Pháp chế."
            ),
            CampaignFileError::WrongFormat(Some(found)) => write!(
                f,
                "Đây không phải tệp thiết lập phong trào (loại tệp: “{found}”). Tệp thiết lập phong trào do Phòng \
                 Pháp chế xuất tại màn hình Thiết lập."
            ),
            CampaignFileError::WrongFormat(None) => f.write_str(
                "Đây không phải tệp thiết lập phong trào của ứng dụng. Tệp thiết lập phong trào do Phòng Pháp chế \
                 xuất tại màn hình Thiết lập.",
            ),
            CampaignFileError::Newer(version) => write!(
                f,
                "Tệp thiết lập phong trào do phiên bản mới hơn của ứng dụng tạo (phiên bản dữ liệu \
                 {version}, ứng dụng này đọc được đến {SCHEMA_VERSION}). Hãy dùng phiên bản mới."
            ),
            CampaignFileError::Invalid(problems) => {
                write!(f, "Tệp thiết lập phong trào có lỗi: {}", problems.join(" "))
            }
        }
    }
}

/// The file's text for `campaign`.
pub fn encode_campaign_file(campaign: &Campaign, exported_at: DateTime<Utc>) -> String {
    serde_json::to_string(&CampaignFile {
        format: CAMPAIGN_FILE_FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        exported_at,
        campaign: campaign.clone(),
    })
    .expect("a campaign always serialises")
}

/// A name for the file, e.g. `thiet-lap-phong-trao-2025-07-14.json`.
pub fn campaign_file_name(day: NaiveDate) -> String {
    format!("thiet-lap-phong-trao-{day}.json")
}

/// Reads and checks a campaign file.
pub fn decode_campaign_file(text: &str) -> Result<Campaign, CampaignFileError> {
    if text.len() > MAX_CAMPAIGN_FILE_BYTES {
        return Err(CampaignFileError::TooLarge(text.len()));
    }
    // The format and version first, from a probe that skips the rest, so a
    // wrong or newer file gets its own message rather than a parse error.
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
        schema_version: Option<u64>,
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            // JSON, but not an object with these fields (e.g. an array).
            CampaignFileError::WrongFormat(None)
        } else {
            CampaignFileError::NotJson(e.to_string())
        }
    })?;
    if probe.format.as_deref() != Some(CAMPAIGN_FILE_FORMAT) {
        return Err(CampaignFileError::WrongFormat(probe.format));
    }
    if let Some(version) = probe
        .schema_version
        .filter(|v| *v > u64::from(SCHEMA_VERSION))
    {
        return Err(CampaignFileError::Newer(
            u32::try_from(version).unwrap_or(u32::MAX),
        ));
    }
    let file: CampaignFile = serde_json::from_str(text)
        .map_err(|e| CampaignFileError::Invalid(vec![format!("{e}.")]))?;
    let problems = check_campaign(&file.campaign);
    if problems.is_empty() {
        Ok(file.campaign)
    } else {
        Err(CampaignFileError::Invalid(problems))
    }
}

/// Everything wrong with a campaign definition, in Vietnamese; empty when
/// it can be used.
pub fn check_campaign(campaign: &Campaign) -> Vec<String> {
    let mut problems = Vec::new();
    if campaign.id.trim().is_empty() {
        problems.push("Thiếu mã đợt thi đua.".to_string());
    }
    if campaign.period.start > campaign.period.end {
        problems.push(format!(
            "Ngày bắt đầu ({}) sau ngày kết thúc ({}).",
            format::date(campaign.period.start),
            format::date(campaign.period.end)
        ));
    }
    if campaign.calendar.working_weekdays.is_empty() {
        problems.push("Không có ngày làm việc nào trong tuần.".to_string());
    }
    let mut unit_ids = std::collections::HashSet::new();
    for unit in &campaign.units {
        if unit.name.trim().is_empty() {
            problems.push(format!("Phòng mã “{}” chưa có tên.", unit.id));
        }
        if !unit_ids.insert(unit.id.as_str()) {
            problems.push(format!("Mã phòng “{}” bị trùng.", unit.id));
        }
    }
    let mut officer_ids = std::collections::HashSet::new();
    for officer in &campaign.officers {
        if !unit_ids.contains(officer.unit_id.as_str()) {
            problems.push(format!(
                "Cán bộ “{}” thuộc phòng không có trong danh sách.",
                officer.name
            ));
        }
        if !officer_ids.insert(officer.id.as_str()) {
            problems.push(format!("Mã cán bộ “{}” bị trùng.", officer.id));
        }
    }
    for criterion in &campaign.criteria {
        if !(criterion.weight.is_finite() && criterion.weight >= 0.0) {
            problems.push(format!(
                "Trọng số của {} phải là số không âm.",
                criterion.code
            ));
        }
        if let Target::Percent(percent) = criterion.target {
            if !(0.0..=100.0).contains(&percent) {
                problems.push(format!(
                    "Chỉ tiêu của {} phải từ 0 đến 100%.",
                    criterion.code
                ));
            }
        }
    }
    let t = campaign.thresholds;
    if !(0.0 <= t.done && t.done <= t.good && t.good <= t.excellent && t.excellent <= 100.0) {
        problems.push(
            "Ngưỡng xếp loại phải tăng dần từ 0 đến 100 (hoàn thành ≤ tốt ≤ xuất sắc).".to_string(),
        );
    }
    if campaign.criteria.iter().map(|c| c.weight).sum::<f64>() <= 0.0 {
        problems.push("Tổng trọng số các tiêu chí phải lớn hơn 0.".to_string());
    }
    let mut registered = std::collections::HashSet::new();
    for key in &campaign.registered_keys {
        if !unit_ids.contains(key.unit_id.as_str()) {
            problems.push(format!(
                "Khóa ký đăng ký trước cho phòng mã “{}” không có trong danh sách.",
                key.unit_id
            ));
        }
        if !registered.insert(key.unit_id.as_str()) {
            problems.push(format!(
                "Phòng mã “{}” có hai khóa ký đăng ký trước.",
                key.unit_id
            ));
        }
        // The shape of an uncompressed P-256 point; whether it lies on the
        // curve is the verifier's business (the page carries none).
        let point = base64_decode(&key.public_key);
        if !point.is_some_and(|raw| raw.len() == 65 && raw[0] == 4) {
            problems.push(format!(
                "Khóa ký đăng ký trước cho phòng mã “{}” không phải khóa công khai P-256 \
                 (65 byte, base64).",
                key.unit_id
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::model::Officer;
    use crate::core::campaign::template::seed_campaign;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 7, 14, 8, 0, 0).unwrap()
    }

    #[test]
    fn an_exported_campaign_imports_unchanged() {
        let campaign = seed_campaign("abc");
        let text = encode_campaign_file(&campaign, now());
        assert_eq!(decode_campaign_file(&text), Ok(campaign));
    }

    #[test]
    fn hostile_files_get_their_own_message() {
        let good = encode_campaign_file(&seed_campaign("abc"), now());
        let cut = &good[..good.len() / 2];
        assert!(matches!(
            decode_campaign_file(cut),
            Err(CampaignFileError::NotJson(_))
        ));
        assert!(matches!(
            decode_campaign_file("xin chào"),
            Err(CampaignFileError::NotJson(_))
        ));
        assert_eq!(
            decode_campaign_file(r#"{"format":"thidua-export"}"#),
            Err(CampaignFileError::WrongFormat(Some("thidua-export".into())))
        );
        assert_eq!(
            decode_campaign_file("[1,2]"),
            Err(CampaignFileError::WrongFormat(None))
        );
        let newer = good.replace("\"schema_version\":1", "\"schema_version\":99");
        assert_eq!(
            decode_campaign_file(&newer),
            Err(CampaignFileError::Newer(99))
        );
        let huge = " ".repeat(MAX_CAMPAIGN_FILE_BYTES + 1);
        assert!(matches!(
            decode_campaign_file(&huge),
            Err(CampaignFileError::TooLarge(_))
        ));
        assert!(good.contains("\"weight\":1.0"));
        let negative = good.replace("\"weight\":1.0", "\"weight\":-1.0");
        assert!(matches!(
            decode_campaign_file(&negative),
            Err(CampaignFileError::Invalid(_))
        ));
    }

    #[test]
    fn a_campaign_with_orphan_officers_or_reversed_dates_is_invalid() {
        let mut campaign = seed_campaign("abc");
        campaign.officers.push(Officer {
            id: "o".into(),
            unit_id: "khong-co".into(),
            name: "Lê Văn <script>".into(),
            position: String::new(),
            meta: Default::default(),
        });
        std::mem::swap(&mut campaign.period.start, &mut campaign.period.end);
        let problems = check_campaign(&campaign);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("sau ngày kết thúc"));
        assert!(problems[1].contains("Lê Văn <script>"));
    }
}
