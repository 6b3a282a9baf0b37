//! One request to a web worker and its answer, shared by the export, import
//! and register workers (one copy of this machinery on the first load), and
//! the workers' end of it.
//!
//! Both workers say `["ready"]` once their wasm runs (a message sent before
//! would be lost) and answer each request with one array.

use std::rc::Rc;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, Event, MessageEvent, Worker};

/// Sends `message` to `worker` — after its `["ready"]` when `wait_ready`
/// (a worker just started), at once otherwise — moving the buffers in
/// `transfer`, and waits for the answer. `Err` when the worker cannot load
/// (offline before it was ever cached), dies, or is stopped with [`stop`].
pub async fn call(
    worker: &Worker,
    message: Array,
    transfer: Option<Array>,
    wait_ready: bool,
) -> Result<Array, ()> {
    call_with_progress(
        worker,
        message,
        transfer,
        wait_ready,
        Rc::new(|_: &Array| {}),
    )
    .await
}

/// [`call`], handing every `["progress", …]` message the worker sends
/// before its answer to `progress`.
pub async fn call_with_progress(
    worker: &Worker,
    message: Array,
    transfer: Option<Array>,
    wait_ready: bool,
    progress: Rc<dyn Fn(&Array)>,
) -> Result<Array, ()> {
    // The handlers must outlive the wait; they are dropped after it.
    let mut handlers = None;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let sender = worker.clone();
        let message = message.clone();
        let transfer = transfer.clone();
        let progress = progress.clone();
        let send = move || match &transfer {
            Some(transfer) => sender.post_message_with_transfer(&message, transfer),
            None => sender.post_message(&message),
        };
        if !wait_ready {
            let _ = send();
        }
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let answer = event.data();
            let answer = Array::from(&answer);
            let _ = match answer.get(0).as_string().as_deref() {
                Some("ready") => send().map(|_| JsValue::UNDEFINED),
                Some("progress") => {
                    progress(&answer);
                    Ok(JsValue::UNDEFINED)
                }
                _ => resolve.call1(&JsValue::NULL, &answer),
            };
        });
        let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            event.prevent_default();
            let _ = reject.call0(&JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers = Some((on_message, on_error));
    });
    let outcome = JsFuture::from(promise).await;
    drop(handlers);
    outcome.map(|answer| Array::from(&answer)).map_err(|_| ())
}

/// UTF-8 bytes from a worker (or kept from one) as text.
pub fn text_of(bytes: &Uint8Array) -> Option<String> {
    String::from_utf8(bytes.to_vec()).ok()
}

/// Ends `worker` at once; a [`call`] waiting on it returns `Err`.
pub fn stop(worker: &Worker) {
    worker.terminate();
    // A terminated worker sends nothing more: the waiting call hears of it
    // through its own error handler.
    if let Ok(event) = Event::new("error") {
        let _ = worker.dispatch_event(&event);
    }
}

/// The worker's end: hands every request to `handle`, with the scope to
/// answer on, then says `["ready"]`. The handler lives as long as the worker.
pub fn serve(handle: impl Fn(&DedicatedWorkerGlobalScope, Array) + 'static) {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&reply, Array::from(&event.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&Array::of1(&"ready".into()));
}
