#[cfg(target_arch = "wasm32")]
fn main() {
    thidua::web::start(thidua::web::Pieces {
        screen: screens::screen,
        decode: decoder::decode,
    });
}

#[cfg(target_arch = "wasm32")]
mod decoder;
#[cfg(target_arch = "wasm32")]
mod screens;

// The app only runs in a browser; a native build of this binary exists so that
// `cargo build` and `cargo test` work on the host without a wasm toolchain.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("thidua là ứng dụng web: chạy `./dev serve` rồi mở http://127.0.0.1:8080");
    std::process::exit(2);
}
