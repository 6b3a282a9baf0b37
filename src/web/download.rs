//! Saving a file to the user's downloads, and reading files they pick.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// Offers `contents` as a JSON download named `file_name`.
pub fn download_json(file_name: &str, contents: &str) -> Result<(), JsValue> {
    download_file(file_name, contents, "application/json;charset=utf-8")
}

/// Offers `contents` as a download named `file_name` of type `mime`.
pub fn download_file(file_name: &str, contents: &str, mime: &str) -> Result<(), JsValue> {
    offer(file_name, &JsValue::from_str(contents), mime)
}

/// Offers `bytes` (a ZIP-based office file, say) as a download.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    offer(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

fn offer(file_name: &str, part: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download before the browser reads the blob.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 30_000)?;
    Ok(())
}

/// Reads a picked file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, JsValue> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("file is not text"))
}

/// The file picked in the `<input type="file">` that `event` came from; the
/// input is cleared, so that picking the same file again is seen too.
pub fn take_picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}
