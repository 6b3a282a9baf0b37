//! The stored workspace's decoder, a piece of the page's module of its own.
//!
//! Reading the workspace's JSON (serde_json's parser and the model's
//! deserialisers) is 48 KB of the page's module, gzip, measured by leaving
//! it out; a first visit has nothing stored and never needs it. So it is a
//! split point, as the screens are (src/screens.rs): fetched when storage
//! holds a workspace — at each later visit, from the service worker's
//! cache — and when another tab saves (docs/hosting.md).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::wasm_split::{wasm_split, SplitLoaderError};

use thidua::core::exchange::persist::{DecodeError, Found, Stored};

#[wasm_split(decoder, wasm_split_path = ::leptos::wasm_split, fallible)]
fn decode_found(found: &Found) -> Result<Result<Stored, DecodeError>, SplitLoaderError> {
    Ok(found.decode())
}

/// What `found` holds, once the decoder has arrived (at once from the
/// second time); `None` if it could not be fetched.
pub fn decode(
    found: Rc<Found>,
) -> Pin<Box<dyn Future<Output = Option<Result<Stored, DecodeError>>>>> {
    Box::pin(async move { decode_found(&found).await.ok() })
}
