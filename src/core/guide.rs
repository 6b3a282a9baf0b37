//! Hướng dẫn as HTML: the workflow, the evaluation rules with the campaign's
//! own settings ([`rules_in_words`]) and the notes a user needs.
//!
//! Built in the core as escaped HTML, like the report, and not as Leptos
//! views: a page of static views is generic code the first load pays for
//! (this page as views weighed about 9 KB of gzipped wasm; see
//! docs/hosting.md). Only the rules come from data; they are escaped.

use crate::core::campaign::model::Campaign;
use crate::core::evaluation::explain::rules_in_words;
use crate::core::format::xml_text;

/// The fixed part before the rules. Links are the app's hash routes.
const WORKFLOW: &str = r##"<h1>Hướng dẫn sử dụng</h1>
<p>Ứng dụng giúp các phòng thuộc Sở theo dõi phong trào thi đua “Ngày không in giấy”, “Tuần làm việc không văn bản giấy” mà không cần giấy tờ và không cần máy chủ. Mọi dữ liệu được lưu ngay trong trình duyệt trên máy của bạn; ứng dụng vẫn chạy khi không có mạng. Dữ liệu được chuyển giữa các phòng bằng tệp JSON gửi qua hệ thống quản lý văn bản điện tử.</p>
<h2>Quy trình</h2>
<ol class="steps">
<li><strong>Phòng Pháp chế thiết lập phong trào thi đua. </strong>Tại <a href="#/thiet-lap">Thiết lập</a>, nhập các phòng, cán bộ, công chức, tiêu chí, trọng số, thời hạn và ngày làm việc thêm (thứ Bảy làm việc, ngày làm bù); xuất tệp thiết lập phong trào và gửi cho các phòng để tất cả dùng chung một đợt thi đua.</li>
<li><strong>Mỗi phòng nhập số liệu hằng ngày. </strong>Tại <a href="#/nhap-lieu">Nhập liệu</a>, cán bộ được giao chọn phòng của mình, điền số văn bản, hồ sơ xử lý trên môi trường mạng, văn bản ký số, văn bản liên thông và số trang in theo từng ngày làm việc (có thể dán cả bảng từ Excel, hoặc đọc thẳng từ sổ văn bản — xem mục dưới); đánh dấu cán bộ đã được đánh giá bằng KPI, người có ký văn bản, và ghi lại các sáng kiến (sửa được sau khi thêm).</li>
<li><strong>Trưởng phòng báo cáo trước ngày 18/8/2025. </strong>Cuối trang Nhập liệu, bấm “Xuất dữ liệu của phòng” (ví dụ tệp thidua-phong-phap-che-2025-08-17.json) và gửi về Văn phòng Sở qua hệ thống quản lý văn bản điện tử, như mục V.1 của Kế hoạch quy định. Gửi lại tệp mới khi có sửa đổi: chỉ phần đã sửa được cập nhật. Báo cáo bằng văn bản của phòng (theo Nghị định 30/2020/NĐ-CP, số liệu lấy từ Nhập liệu) in hoặc tải Word tại “Báo cáo của phòng” ở cuối trang Nhập liệu; trưởng phòng chỉ cần nhập đánh giá và kiến nghị.</li>
<li><strong>Văn phòng và Phòng Pháp chế hợp nhất. </strong>Văn phòng Sở nhận tệp của các phòng và chuyển cho Phòng Pháp chế (đầu mối tổng hợp). Tại <a href="#/hop-nhat">Hợp nhất</a>, chọn hoặc kéo thả tệp của các phòng (nhiều tệp một lúc), xem trước thay đổi và lý do tệp bị từ chối, chọn bản giữ lại khi có xung đột, rồi bấm “Hợp nhất”; có thể hoàn tác lần nhập vừa rồi. Theo dõi phòng nào đã nộp đúng hạn, trễ hạn hay chưa nộp, và bao nhiêu ngày số liệu của mỗi phòng được đọc từ sổ văn bản.</li>
<li><strong>Đánh giá, xếp hạng và đề xuất khen thưởng. </strong>Tại <a href="#/tong-quan">Tổng quan</a> xem tỷ lệ đạt từng tiêu chí, số ngày không in giấy, tuần làm việc không văn bản giấy, xếp hạng các phòng. Tại <a href="#/khen-thuong">Khen thưởng</a>, Văn phòng lập hồ sơ đề nghị Bằng khen của Chủ tịch UBND tỉnh trước ngày 20/8/2025: thêm hoặc bỏ đề xuất (ghi lý do), sửa tóm tắt thành tích, nhập kết quả biểu quyết của Hội đồng Thi đua – Khen thưởng, rồi in hoặc tải Tờ trình, danh sách, tóm tắt thành tích, biên bản và quyết định tặng Giấy khen (tải cả hồ sơ một lần).</li>
<li><strong>Báo cáo lên cấp trên. </strong>Tại <a href="#/bao-cao">Báo cáo</a>, in báo cáo tổng hợp theo thể thức Nghị định 30/2020/NĐ-CP và xuất tệp tổng hợp gửi UBND tỉnh (qua Sở Nội vụ và Sở Khoa học và Công nghệ) trước ngày 20/8/2025.</li>
</ol>
<h2 id="so-van-ban">Nhập số liệu từ sổ văn bản</h2>
<p>Thay vì gõ từng con số, phòng có thể lấy số liệu từ sổ văn bản của hệ thống quản lý văn bản và điều hành. Tại <a href="#/nhap-lieu">Nhập liệu</a> → “Nhập từ sổ văn bản”:</p>
<ol class="steps">
<li><strong>Xuất sổ từ hệ thống quản lý văn bản </strong>dưới dạng Excel (.xlsx) hoặc CSV: sổ văn bản đến, sổ văn bản đi, danh sách hồ sơ công việc, cho khoảng thời gian của đợt thi đua. Dòng tiêu đề của tệp, kể cả tiêu đề hai tầng có ô gộp, đều đọc được.</li>
<li><strong>Chọn hoặc kéo thả các tệp. </strong>Ứng dụng tự nhận ra loại sổ, cột ngày và các cột cho biết văn bản điện tử hay giấy, có ký số, độ mật, hồ sơ khen thưởng cấp Nhà nước, có qua trục liên thông, có gửi cơ quan bên ngoài. Kiểm tra lại: đổi cột ở từng ô chọn, đánh dấu các giá trị được tính (ví dụ “Điện tử”, “Có”, “x”).</li>
<li><strong>Xem trước. </strong>Bảng xem trước cho thấy từng ngày làm việc: số đang lưu (gạch ngang) và số sẽ ghi, ô thay đổi được tô màu. Các dòng không tính được liệt kê kèm lý do (ngày ngoài đợt thi đua, không phải ngày, trùng số văn bản). Văn bản ghi ngày thứ Bảy, Chủ nhật hoặc ngày lễ trong đợt thi đua được tính vào ngày làm việc kế tiếp.</li>
<li><strong>Bấm “Áp dụng”. </strong>Số liệu được ghi trong một bước và có thể hoàn tác ngay sau đó. Số trang in và các sổ không chọn giữ nguyên. Cách đọc sổ được ghi nhớ: lần sau chọn sổ cùng mẫu là xong. Phòng Pháp chế có thể thiết lập sẵn cách đọc sổ và gửi kèm tệp thiết lập phong trào.</li>
</ol>
<p>Chỉ các con số được lưu: số, ký hiệu, trích yếu của văn bản không được lưu, không xuất và không gửi đi đâu; tệp được đọc ngay trong trình duyệt. Mỗi ngày ghi nhớ số liệu lấy từ sổ nào, lúc nào; Tổng quan và tệp dữ liệu của phòng cho biết điều đó.</p>
<h2 id="sao-luu">Sao lưu và khôi phục</h2>
<p>Dữ liệu chỉ nằm trong trình duyệt đang dùng. Xóa dữ liệu duyệt web, cài lại máy, hay trình duyệt tự dọn bộ nhớ khi máy đầy đều làm mất những gì chưa ra tệp. Tại <a href="#/thiet-lap">Thiết lập</a> → “Sao lưu và khôi phục”:</p>
<ol class="steps">
<li><strong>Tải bản sao lưu </strong>(tệp thidua-sao-luu-….json): toàn bộ dữ liệu của trình duyệt này, kể cả báo cáo và hồ sơ khen thưởng, có mã kiểm tra SHA-256. Lưu tệp vào thư mục được sao lưu của cơ quan hoặc gửi qua hệ thống quản lý văn bản cho chính mình.</li>
<li><strong>Tự động sao lưu vào tệp </strong>(Chrome, Edge): chọn một tệp một lần; sau mỗi lần lưu, dữ liệu được ghi vào đó. Sau khi mở lại trình duyệt, trình duyệt hỏi lại quyền ghi: bấm “Cho phép ghi tiếp” trên dải thông báo.</li>
<li><strong>Nhắc sao lưu. </strong>Khi dữ liệu thay đổi mà sau số ngày đã đặt (mặc định 2 ngày) vẫn chưa được xuất hay sao lưu ra tệp, ứng dụng hiện dải nhắc “Nên sao lưu” với nút “Sao lưu ngay”. Xuất dữ liệu của phòng hay tệp tổng hợp cũng tính là đã ra tệp.</li>
<li><strong>Khôi phục từ bản sao lưu </strong>trên máy mới hoặc sau khi mất dữ liệu: ứng dụng kiểm tra tệp (tệp bị sửa, bị cắt dở, của phiên bản mới hơn, hay không phải bản sao lưu đều bị từ chối kèm lý do), cho xem trước tệp chứa gì và bao nhiêu bản ghi hiện có sẽ mất, rồi mới thay dữ liệu khi bấm “Khôi phục”. Lần khôi phục, cũng như lần nhập tệp ở Hợp nhất, hoàn tác được kể cả sau khi tải lại trang.</li>
</ol>
<h2 id="chu-ky">Chữ ký của tệp và cảnh báo “khóa khác lần trước”</h2>
<p>Mỗi trình duyệt có một khóa riêng để ký tệp xuất (khóa không thể sao chép ra khỏi trình duyệt). Khi Phòng Pháp chế hợp nhất tệp có chữ ký đầu tiên của một phòng, khóa của phòng được ghi nhận (xem tại <a href="#/thiet-lap">Thiết lập</a> → “Chữ ký của các phòng”). Cột “Chữ ký” ở Hợp nhất cho biết: “Chữ ký hợp lệ” — tệp đến từ đúng trình duyệt đã gửi các tệp trước và không bị sửa; “Không có chữ ký” — tệp từ phiên bản cũ hoặc từ trang mở qua HTTP; tệp có chữ ký không hợp lệ bị từ chối.</p>
<p><strong>“Khóa khác lần trước”</strong> nghĩa là tệp được ký ở một trình duyệt khác với lần trước: phòng đã đổi máy, cài lại trình duyệt hoặc xóa dữ liệu trình duyệt — hoặc có người khác gửi tệp nhân danh phòng. Tệp bị giữ lại; hãy gọi điện hoặc nhắn cho phòng để xác nhận rồi mới tích “Chấp nhận khóa mới”. Việc chấp nhận được ghi lại. Chữ ký này không thay cho chữ ký số của cá nhân trên văn bản gửi qua hệ thống quản lý văn bản.</p>
<p>Khi Phòng Pháp chế dùng thêm máy khác, hoặc gửi thiết lập lên cấp trên, bấm “Ghi các khóa vào tệp thiết lập phong trào” tại Thiết lập rồi xuất tệp thiết lập: máy nhập tệp đó nhận ra khóa của từng phòng ngay từ tệp đầu tiên.</p>
<h2 id="lich-su">Người nhập và lịch sử sửa đổi</h2>
<p>Tại <a href="#/nhap-lieu">Nhập liệu</a>, chọn tên của bạn ở “Người nhập” một lần (mỗi trình duyệt nhớ lựa chọn của mình). Từ đó mỗi lần nhập hay sửa một con số, một cán bộ, kết quả KPI hay một sáng kiến đều được ghi lại: lúc nào, ai, số cũ và số mới. Trên <a href="#/tong-quan">Tổng quan</a>, bấm vào tỷ lệ của một tiêu chí để xem, ví dụ: “đã sửa 2 lần, lần cuối 22/07 14:03 bởi …”.</p>
<p>Lịch sử đi kèm tệp xuất của phòng. Mỗi lần sửa được nối vào một chuỗi mã băm SHA-256, nên không thể sửa, xóa hay chèn một lần sửa mà không bị phát hiện. Khi hợp nhất, Phòng Pháp chế thấy số thay đổi mới trong lịch sử. Hợp nhất cũng nêu những ngày có số liệu sửa từ hạn báo cáo (18/8/2025) trở đi. Tệp có lịch sử bị sửa tay, hoặc viết lại lịch sử đã gửi trước đó, bị từ chối. Sau khi khôi phục từ bản sao lưu, trình duyệt bắt đầu một chuỗi lịch sử mới; chuỗi cũ vẫn được giữ.</p>
<h2 id="cach-danh-gia">Cách đánh giá</h2>
<p>Các con số dưới đây là thiết lập hiện tại của phong trào (sửa tại <a href="#/thiet-lap">Thiết lập</a>). Trên Tổng quan, bấm vào một con số để xem cách tính với số liệu thật.</p>
"##;

/// The fixed part after the rules.
const NOTES: &str = r##"<h2>Lưu ý</h2>
<ul>
<li>Dữ liệu nằm trong trình duyệt đang dùng: đổi máy hoặc xóa dữ liệu trình duyệt sẽ mất dữ liệu nếu chưa xuất tệp hay sao lưu (xem mục “Sao lưu và khôi phục” ở trên).</li>
<li>Sau lần mở đầu tiên, ứng dụng mở được cả khi mất mạng. Khi có phiên bản mới, ứng dụng hỏi trước khi cập nhật; dữ liệu đã lưu được giữ nguyên.</li>
<li>Văn bản mật, tối mật, tuyệt mật và hồ sơ đề nghị khen thưởng cấp nhà nước được Kế hoạch loại trừ: không tính vào tiêu chí xử lý trên mạng (TC1) và tiêu chí ký số (TC2), và số trang in cho chúng không làm mất “ngày không in giấy”. Nhập chúng ở các cột “không tính” của bảng số liệu hằng ngày.</li>
<li>Ngày thứ Bảy, Chủ nhật có làm việc (ngày làm bù) được thêm tại Thiết lập → “Ngày làm việc thêm”; ngày đó có dòng riêng trong bảng nhập liệu.</li>
<li>Ngày tháng luôn nhập theo dạng ngày/tháng/năm (ví dụ 28/07/2025), dù trình duyệt dùng ngôn ngữ nào.</li>
</ul>
"##;

/// The whole guide for `campaign`, as the inside of an `<article>`.
pub fn guide_html(campaign: &Campaign) -> String {
    let mut out = String::from(WORKFLOW);
    for (heading, lines) in rules_in_words(campaign) {
        out.push_str(&format!("<h3>{}</h3>\n<ul>\n", xml_text(&heading)));
        for line in lines {
            out.push_str(&format!("<li>{}</li>\n", xml_text(&line)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(NOTES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::campaign::template::seed_campaign;
    use crate::core::route::Route;

    #[test]
    fn the_guide_links_to_every_screen_and_escapes_the_rules() {
        let mut campaign = seed_campaign("t");
        campaign.criteria[0].code = "<b>TC1</b> & “một”".into();
        let html = guide_html(&campaign);
        for route in [
            Route::Setup,
            Route::DataEntry,
            Route::Merge,
            Route::Dashboard,
            Route::Report,
        ] {
            assert!(
                html.contains(&format!("href=\"{}\"", route.href())),
                "{route:?}"
            );
        }
        assert!(
            html.contains("&lt;b&gt;TC1&lt;/b&gt; &amp; “một”"),
            "escaped"
        );
        assert!(!html.contains("<b>TC1"));
        assert!(html.contains("Hoàn thành xuất sắc: từ 95,0 điểm"));
        assert!(!html.contains("docs/"));
    }
}
