//! The export worker: a second wasm module that Trunk builds as a web
//! worker (`data-type="worker"` in index.html). It holds the XLSX and DOCX
//! writers, so the app's first load does not carry them and the page stays
//! responsive while a province-sized report is written.

#[cfg(target_arch = "wasm32")]
fn main() {
    thidua::web::export_worker::serve();
}

// Only meaningful in a browser; a native build exists so that `cargo build`
// and `cargo test` work on the host.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("thidua-exporter chạy trong trình duyệt; trên máy tính, dùng `thidua-cli report`.");
    std::process::exit(2);
}
