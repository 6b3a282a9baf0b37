//! The import worker: a wasm module that Trunk builds as a web worker
//! (`data-type="worker"` in index.html). It reads, checks and merges the
//! divisions' files on Hợp nhất, loaded only when the Legal Division picks
//! them, so the page neither carries the pipeline nor waits on it.

#[cfg(target_arch = "wasm32")]
fn main() {
    thidua::web::import_worker::serve();
}

// Only meaningful in a browser; on a computer, `thidua-cli merge` does the
// same work.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("thidua-import chạy trong trình duyệt; trên máy tính, dùng `thidua-cli merge`.");
    std::process::exit(2);
}
