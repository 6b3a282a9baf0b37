//! The register worker: a wasm module that Trunk builds as a web worker
//! (`data-type="worker"` in index.html). It reads the e-office registers
//! (XLSX with calamine, CSV) and counts them, loaded only when a division
//! imports a register, so the app's first load does not carry the reader.

#[cfg(target_arch = "wasm32")]
fn main() {
    thidua::web::register_worker::serve();
}

// Only meaningful in a browser; on a computer, `thidua-cli register` does
// the same work.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("thidua-register chạy trong trình duyệt; trên máy tính, dùng `thidua-cli register`.");
    std::process::exit(2);
}
