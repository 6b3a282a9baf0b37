//! `thidua-cli`: the app's exchange pipeline on files, for IT staff who merge
//! hundreds of divisions' exports in a script. Messages are the app's own.
//!
//! ```text
//! thidua-cli sample --scale department|province --out DIR [--seed N]
//! thidua-cli validate [--campaign FILE] FILE…
//! thidua-cli merge --out FILE [--campaign FILE] FILE…
//! thidua-cli evaluate [--campaign FILE] FILE… [--json]
//! thidua-cli report [--campaign FILE] FILE… [--xlsx OUT] [--docx OUT] [--csv DIR] [--html OUT]
//! thidua-cli report [--campaign FILE] FILE… --unit ID [--docx OUT] [--html OUT]
//! thidua-cli dossier [--campaign FILE] FILE… --out DIR
//! thidua-cli register --campaign FILE --unit ID REGISTER… [--mapping FILE] [--json] [--out FILE]
//! ```
//!
//! Every command but `sample` needs the campaign the files belong to: the
//! campaign file exported in Thiết lập, given with `--campaign` or simply
//! among the files (`sample` writes one next to the exports), or the one a
//! consolidated file carries.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, TimeZone, Utc};
use thidua::core::campaign::model::{Campaign, Workspace};
use thidua::core::evaluation::score::{evaluate, CampaignEvaluation};
use thidua::core::exchange::campaign_file::{
    campaign_file_name, decode_campaign_file, encode_campaign_file, CAMPAIGN_FILE_FORMAT,
};
use thidua::core::exchange::envelope::{
    carried_campaign, encode_export, export_consolidated, export_file_name, export_unit,
    ExportFile, Importer,
};
use thidua::core::exchange::merge::{merge_files, Choices};
use thidua::core::exchange::signature::{self, SignatureCheck};
use thidua::core::format;
use thidua::core::report::document::{csv_file_name, to_csv};
use thidua::core::report::docx::{dossier_docx, dossier_zip};
use thidua::core::report::dossier::dossier_nominees;
use thidua::core::report::html::{report_page, unit_report_page};
use thidua::core::report::office::{office_document, workbook_tables, OfficeFormat};
use thidua::core::sample::{generate, SampleScale};

const USAGE: &str = "\
thidua-cli — hợp nhất tệp dữ liệu phong trào thi đua

  thidua-cli sample --scale department|province --out THƯ_MỤC [--seed N]
  thidua-cli validate [--campaign TỆP] TỆP…
  thidua-cli merge --out TỆP [--campaign TỆP] TỆP…
  thidua-cli evaluate [--campaign TỆP] TỆP… [--json]
  thidua-cli report [--campaign TỆP] TỆP… [--xlsx TỆP] [--docx TỆP] [--csv THƯ_MỤC] [--html TỆP]
  thidua-cli report [--campaign TỆP] TỆP… --unit MÃ_PHÒNG [--docx TỆP] [--html TỆP]
  thidua-cli dossier [--campaign TỆP] TỆP… --out THƯ_MỤC
  thidua-cli register --campaign TỆP --unit MÃ_PHÒNG SỔ… [--mapping TỆP] [--json] [--out TỆP]

Tệp thiết lập phong trào (xuất ở Thiết lập) cho biết các tệp thuộc phong trào nào; đưa nó bằng
--campaign hoặc để lẫn trong danh sách tệp.

`register` đếm số liệu hằng ngày của một phòng từ sổ văn bản đến, sổ văn bản đi, danh sách hồ sơ
công việc (XLSX hoặc CSV do hệ thống quản lý văn bản xuất); --out ghi tệp dữ liệu của phòng.
`sample --scale department` ghi thêm sổ văn bản mẫu của từng phòng vào THƯ_MỤC/so-van-ban;
--large-register N ghi thêm một sổ văn bản đến N dòng (cho phép đo).";

/// `println!` that ends the program quietly when the reader has gone away
/// (`thidua-cli evaluate … | head`), as Unix tools do, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(error) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("Không ghi được kết quả ra đầu ra chuẩn: {error}");
            std::process::exit(1);
        }
    }};
}

// After `out!`, which it uses. It writes XLSX with rust_xlsxwriter, a
// native-only dependency; `./dev lint` checks every binary for wasm32 too,
// where this stands in for it.
#[cfg(not(target_arch = "wasm32"))]
mod registers;
#[cfg(target_arch = "wasm32")]
mod registers {
    use std::path::Path;
    use std::process::ExitCode;

    use thidua::core::campaign::model::{Campaign, Workspace};

    const NATIVE_ONLY: &str = "thidua-cli chỉ chạy trên máy tính.";

    pub fn register(_: &[String]) -> Result<ExitCode, String> {
        Err(NATIVE_ONLY.into())
    }

    pub fn write_sample_registers(_: &Workspace, _: &Path) -> Result<usize, String> {
        Err(NATIVE_ONLY.into())
    }

    pub fn write_large_register(_: &Campaign, _: usize, _: &Path) -> Result<(), String> {
        Err(NATIVE_ONLY.into())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("sample") => sample(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("merge") => merge(&args[1..]),
        Some("evaluate") => evaluate_files(&args[1..]),
        Some("report") => report(&args[1..]),
        Some("dossier") => dossier(&args[1..]),
        Some("register") => registers::register(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Options of one command: `--name value` pairs, `--flag`s, and the rest.
struct Options {
    values: Vec<(String, String)>,
    flags: Vec<String>,
    files: Vec<PathBuf>,
}

impl Options {
    fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Self, String> {
        let mut options = Options {
            values: Vec::new(),
            flags: Vec::new(),
            files: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if with_value.contains(&arg.as_str()) {
                let value = args
                    .next()
                    .ok_or(format!("{arg} cần một giá trị.\n\n{USAGE}"))?;
                options.values.push((arg.clone(), value.clone()));
            } else if flags.contains(&arg.as_str()) {
                options.flags.push(arg.clone());
            } else if arg.starts_with("--") {
                return Err(format!("Không hiểu tùy chọn {arg}.\n\n{USAGE}"));
            } else {
                options.files.push(PathBuf::from(arg));
            }
        }
        Ok(options)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}

/// A campaign file (exported in Thiết lập).
fn read_campaign(path: &Path) -> Result<Campaign, String> {
    decode_campaign_file(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|e| format!("{}: không đọc được tệp ({e}).", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: không ghi được tệp ({e}).", path.display()))
}

/// The campaign (from `--campaign` or from among the files) and the exports.
fn campaign_and_exports(options: &Options) -> Result<(Campaign, Vec<PathBuf>), String> {
    let mut campaign = None;
    let mut exports = Vec::new();
    if let Some(path) = options.value("--campaign") {
        campaign = Some(read_campaign(Path::new(path))?);
    }
    let mut carried = None;
    for path in &options.files {
        let text = read(path)?;
        // A campaign file among the exports: cheap to spot by its format name.
        if campaign.is_none() && text.contains(&format!("\"{CAMPAIGN_FILE_FORMAT}\"")) {
            if let Ok(found) = decode_campaign_file(&text) {
                campaign = Some(found);
                continue;
            }
        }
        // A consolidated file carries its campaign: enough on its own.
        if carried.is_none() {
            carried = carried_campaign(&text);
        }
        exports.push(path.clone());
    }
    let campaign = campaign.or(carried);
    let campaign = campaign.ok_or_else(|| {
        format!(
            "Thiếu tệp thiết lập phong trào: thêm --campaign TỆP (xuất ở màn hình Thiết lập), \
             hoặc đưa một tệp tổng hợp (tệp tổng hợp mang theo thiết lập phong trào).\n\n{USAGE}"
        )
    })?;
    if exports.is_empty() {
        return Err(format!("Chưa có tệp dữ liệu nào để đọc.\n\n{USAGE}"));
    }
    Ok((campaign, exports))
}

/// Reads every export; bad ones are reported on stderr, naming the file.
fn read_exports(campaign: &Campaign, paths: &[PathBuf]) -> (Vec<(String, ExportFile)>, usize) {
    let importer = Importer::new(campaign);
    let mut good = Vec::new();
    let mut bad = 0;
    for path in paths {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let decoded = read(path).and_then(|text| {
            let decoded = importer
                .decode(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if signature::check_file(text.as_bytes(), &decoded.0) == SignatureCheck::Invalid {
                return Err(format!(
                    "{}: {}",
                    path.display(),
                    signature::INVALID_SIGNATURE
                ));
            }
            Ok(decoded)
        });
        match decoded {
            Ok((file, warnings)) => {
                for warning in warnings {
                    eprintln!("{}: cảnh báo: {warning}", path.display());
                }
                good.push((name, file));
            }
            Err(message) => {
                eprintln!("{message}");
                bad += 1;
            }
        }
    }
    (good, bad)
}

fn exit_code(bad: usize) -> ExitCode {
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn merged(campaign: Campaign, files: &[(String, ExportFile)]) -> Workspace {
    let mut workspace = Workspace::new(campaign);
    let files: Vec<(&str, &ExportFile)> = files.iter().map(|(n, f)| (n.as_str(), f)).collect();
    merge_files(&mut workspace, &files, &Choices::new(), Utc::now(), true);
    workspace
}

fn sample(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(
        args,
        &["--scale", "--out", "--seed", "--large-register"],
        &[],
    )?;
    let scale = match options.value("--scale") {
        Some("department") => SampleScale::Department,
        Some("province") => SampleScale::Province,
        _ => {
            return Err(format!(
                "--scale phải là department hoặc province.\n\n{USAGE}"
            ))
        }
    };
    let out = PathBuf::from(
        options
            .value("--out")
            .ok_or(format!("Thiếu --out THƯ_MỤC.\n\n{USAGE}"))?,
    );
    let seed = match options.value("--seed") {
        Some(seed) => seed
            .parse()
            .map_err(|_| format!("--seed phải là một số: {seed}"))?,
        None => 2025,
    };
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("{}: không tạo được thư mục ({e}).", out.display()))?;
    let workspace = generate(scale, seed);
    // The evening before the divisions' deadline, so every sample file is on time.
    let exported_at: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 8, 15, 10, 0, 0).unwrap();
    let campaign_path = out.join(campaign_file_name(exported_at.date_naive()));
    write(
        &campaign_path,
        &encode_campaign_file(&workspace.campaign, exported_at),
    )?;
    for unit in &workspace.campaign.units {
        let file = export_unit(&workspace, &unit.id, exported_at).expect("the unit exists");
        write(&out.join(export_file_name(&file)), &encode_export(&file))?;
    }
    out!(
        "Đã ghi tệp thiết lập phong trào {} và {} tệp dữ liệu của phòng vào {}.",
        campaign_path.display(),
        workspace.campaign.units.len(),
        out.display()
    );
    // Registers whose rows count to each division's sample data: for a
    // department only (a province's would be 6,000 files).
    if scale == SampleScale::Department {
        let dir = out.join("so-van-ban");
        let written = registers::write_sample_registers(&workspace, &dir)?;
        out!("Đã ghi {written} sổ văn bản mẫu vào {}.", dir.display());
    }
    if let Some(rows) = options.value("--large-register") {
        let rows: usize = rows
            .parse()
            .map_err(|_| format!("--large-register phải là một số dòng: {rows}"))?;
        let path = out.join(format!("so-van-ban-den-{rows}-dong.xlsx"));
        registers::write_large_register(&workspace.campaign, rows, &path)?;
        out!(
            "Đã ghi sổ văn bản đến {} dòng vào {}.",
            format::integer(rows as i64),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(args, &["--campaign"], &[])?;
    let (campaign, paths) = campaign_and_exports(&options)?;
    let (good, bad) = read_exports(&campaign, &paths);
    for (name, file) in &good {
        let p = &file.payload;
        let signed = match &file.signer {
            Some(signer) => format!("chữ ký hợp lệ (khóa {})", signer.fingerprint()),
            None => "không có chữ ký".into(),
        };
        let changes: usize = p.history.iter().map(|c| c.entries.len()).sum();
        let history = if changes == 0 {
            "không có lịch sử sửa đổi".to_string()
        } else {
            format!(
                "lịch sử sửa đổi {} thay đổi, chuỗi mã băm khớp",
                format::integer(changes as i64)
            )
        };
        out!(
            "{name}: hợp lệ, {signed}, {history} — {} báo cáo ngày, {} cán bộ, {} kết quả cán bộ, {} sáng kiến.",
            format::integer(p.daily_reports.len() as i64),
            format::integer(p.officers.len() as i64),
            format::integer(p.officer_records.len() as i64),
            format::integer(p.initiatives.len() as i64),
        );
    }
    out!("{} tệp hợp lệ, {bad} tệp bị từ chối.", good.len());
    Ok(exit_code(bad))
}

fn merge(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(args, &["--out", "--campaign"], &[])?;
    let out = PathBuf::from(
        options
            .value("--out")
            .ok_or(format!("Thiếu --out TỆP.\n\n{USAGE}"))?,
    );
    let (campaign, paths) = campaign_and_exports(&options)?;
    let (good, bad) = read_exports(&campaign, &paths);
    let workspace = merged(campaign, &good);
    write(
        &out,
        &encode_export(&export_consolidated(&workspace, Utc::now())),
    )?;
    out!(
        "Đã hợp nhất {} tệp ({bad} tệp bị từ chối) vào {}: {} phòng, {} báo cáo ngày.",
        good.len(),
        out.display(),
        workspace.campaign.units.len(),
        format::integer(workspace.daily_reports.len() as i64),
    );
    Ok(exit_code(bad))
}

fn evaluate_files(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(args, &["--campaign"], &["--json"])?;
    let (campaign, paths) = campaign_and_exports(&options)?;
    let (good, bad) = read_exports(&campaign, &paths);
    let workspace = merged(campaign, &good);
    let evaluation = evaluate(&workspace);
    if options.flag("--json") {
        out!(
            "{}",
            serde_json::to_string_pretty(&evaluation).expect("an evaluation serialises")
        );
    } else {
        let codes: Vec<&str> = workspace
            .campaign
            .criteria
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        out!("Hạng\tPhòng\t{}\tĐiểm\tXếp loại", codes.join("\t"));
        for unit in &evaluation.units {
            let figures: Vec<String> = unit
                .criteria
                .iter()
                .map(|r| {
                    r.attainment
                        .map_or("—".into(), |a| format!("{}%", format::decimal(a, 1)))
                })
                .collect();
            out!(
                "{}\t{}\t{}\t{}\t{}",
                unit.rank,
                unit.name,
                figures.join("\t"),
                unit.composite.map_or("—".into(), |c| format::decimal(c, 1)),
                unit.classification.label()
            );
        }
    }
    Ok(exit_code(bad))
}

/// `dossier`: the commendation dossier's documents as DOCX files, and the
/// whole as one ZIP, in `--out`. The Office's decisions (votes, hand
/// changes, summaries) come from a consolidated file's workspace; from the
/// divisions' files alone the dossier carries the app's proposals, not yet
/// voted on.
fn dossier(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(args, &["--campaign", "--out"], &[])?;
    let out_dir = options
        .value("--out")
        .ok_or(format!("Thiếu --out THƯ_MỤC.\n\n{USAGE}"))?;
    let (campaign, paths) = campaign_and_exports(&options)?;
    let (good, bad) = read_exports(&campaign, &paths);
    let workspace = merged(campaign, &good);
    let evaluation = evaluate(&workspace);
    let dir = Path::new(out_dir);
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: không tạo được thư mục ({e}).", dir.display()))?;
    let files = dossier_docx(&workspace, &evaluation);
    for (name, bytes) in &files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("{}: không ghi được tệp ({e}).", path.display()))?;
    }
    let zip = dir.join("ho-so-khen-thuong.zip");
    std::fs::write(&zip, dossier_zip(&workspace, &evaluation))
        .map_err(|e| format!("{}: không ghi được tệp ({e}).", zip.display()))?;
    let nominees = dossier_nominees(&workspace, &evaluation);
    out!(
        "Đã ghi {} văn bản của hồ sơ khen thưởng và {} vào {} ({} tập thể, cá nhân trong danh sách đề nghị).",
        files.len(),
        zip.file_name().unwrap_or_default().to_string_lossy(),
        dir.display(),
        nominees.len()
    );
    Ok(exit_code(bad))
}

/// `report --unit ID`: the division's own report, as DOCX and/or HTML.
fn unit_report(
    options: &Options,
    workspace: &Workspace,
    evaluation: &CampaignEvaluation,
    unit_id: &str,
) -> Result<(), String> {
    if options.value("--xlsx").is_some() || options.value("--csv").is_some() {
        return Err(format!(
            "Với --unit chỉ ghi được báo cáo của phòng: --docx và/hoặc --html.\n\n{USAGE}"
        ));
    }
    if let Some(path) = options.value("--docx") {
        let bytes = office_document(OfficeFormat::UnitDocx, workspace, evaluation, unit_id)?;
        std::fs::write(path, bytes).map_err(|e| format!("{path}: không ghi được tệp ({e})."))?;
        out!("Đã ghi báo cáo của phòng {path}.");
    }
    if let Some(path) = options.value("--html") {
        let page = unit_report_page(workspace, evaluation, unit_id)
            .ok_or_else(|| format!("Không có phòng “{unit_id}” trong phong trào."))?;
        write(Path::new(path), &page)?;
        out!("Đã ghi báo cáo của phòng {path}.");
    }
    Ok(())
}

fn report(args: &[String]) -> Result<ExitCode, String> {
    const OUTPUTS: [&str; 4] = ["--xlsx", "--docx", "--csv", "--html"];
    let options = Options::parse(
        args,
        &[
            "--campaign",
            "--xlsx",
            "--docx",
            "--csv",
            "--html",
            "--unit",
        ],
        &[],
    )?;
    if OUTPUTS.iter().all(|o| options.value(o).is_none()) {
        return Err(format!(
            "Chọn ít nhất một đầu ra: --xlsx, --docx, --csv hoặc --html.\n\n{USAGE}"
        ));
    }
    let (campaign, paths) = campaign_and_exports(&options)?;
    let (good, bad) = read_exports(&campaign, &paths);
    let workspace = merged(campaign, &good);
    let evaluation = evaluate(&workspace);
    if let Some(unit_id) = options.value("--unit") {
        return unit_report(&options, &workspace, &evaluation, unit_id).map(|()| exit_code(bad));
    }
    for (option, format, what) in [
        ("--xlsx", OfficeFormat::Xlsx, "bảng tính"),
        ("--docx", OfficeFormat::Docx, "báo cáo Word"),
    ] {
        if let Some(path) = options.value(option) {
            let bytes = office_document(format, &workspace, &evaluation, "")?;
            std::fs::write(path, bytes)
                .map_err(|e| format!("{path}: không ghi được tệp ({e})."))?;
            out!("Đã ghi {what} {path}.");
        }
    }
    let tables = workbook_tables(&workspace, &evaluation);
    if let Some(dir) = options.value("--csv") {
        let dir = Path::new(dir);
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: không tạo được thư mục ({e}).", dir.display()))?;
        for table in &tables {
            write(&dir.join(csv_file_name(table)), &to_csv(table))?;
        }
        out!("Đã ghi {} tệp CSV vào {}.", tables.len(), dir.display());
    }
    if let Some(path) = options.value("--html") {
        write(Path::new(path), &report_page(&workspace, &evaluation))?;
        out!("Đã ghi báo cáo {path}.");
    }
    Ok(exit_code(bad))
}
