//! The page's module keeps its relocations: `tools/split-page.mjs` needs them
//! to cut it into the first screen and the rest (src/screens.rs).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=thidua=--emit-relocs");
    }
}
