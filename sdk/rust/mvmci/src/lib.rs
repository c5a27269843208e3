//! Safe Rust bindings to the `mvmci` host API (see `docs/host-api.md`).
//!
//! A guest is a WASI preview1 command module (target `wasm32-wasi`). Importing anything from the
//! `mvmci` host module makes the job run in *durable mode*: every call below is journaled, and after
//! an interruption the guest starts again from the beginning while the calls already in the journal
//! return their recorded results instead of being performed again. Keep a guest's behaviour a
//! function of its inputs and of what these calls return, and it resumes where it stopped.
//!
//! The crate has no dependencies; build it with Debian's rustc:
//!
//! ```text
//! /usr/bin/rustc --edition 2021 --crate-type rlib --crate-name mvmci --target wasm32-wasi -O lib.rs
//! ```
//!
//! ```ignore
//! let page = mvmci::http::Request::get("https://example.com/").idempotent().send()?;
//! mvmci::log::info(&format!("status {}", page.status));
//! mvmci::progress(100, "done");
//! mvmci::set_output(&page.text());
//! ```

#![deny(missing_docs)]

/// The raw imports, exactly as the ABI table in `docs/host-api.md` declares them.
///
/// Pointers and lengths are `i32` offsets and sizes in the guest's memory (on `wasm32`, pointers and
/// `usize` are `i32` in the module's signatures); strings are UTF-8 and not NUL-terminated. Prefer
/// the safe wrappers in the rest of the crate.
pub mod sys {
    #[link(wasm_import_module = "mvmci")]
    extern "C" {
        /// Sends an HTTP request; returns the status (100–599) or a negative error (`-1` interrupted,
        /// `-2` denied, `-3` failed, `-4` invalid); the body or the error message is the pending result.
        pub fn http_request(
            method_ptr: *const u8,
            method_len: usize,
            url_ptr: *const u8,
            url_len: usize,
            headers_ptr: *const u8,
            headers_len: usize,
            body_ptr: *const u8,
            body_len: usize,
            flags: i32,
        ) -> i32;
        /// Length in bytes of the pending result.
        pub fn result_len() -> i32;
        /// Copies up to `len` bytes of the pending result to `ptr`; returns how many were copied.
        pub fn result_read(ptr: *mut u8, len: usize) -> i32;
        /// Wall-clock time in Unix milliseconds.
        pub fn now() -> i64;
        /// Fills `len` bytes at `ptr` with random bytes; returns 0.
        pub fn random(ptr: *mut u8, len: usize) -> i32;
        /// A durable timer: sleeps `ms` milliseconds of wall-clock time.
        pub fn sleep(ms: i64);
        /// A log line (level 0 debug, 1 info, 2 warn, 3 error).
        pub fn log(level: i32, ptr: *const u8, len: usize);
        /// Reports progress (0–100) and a short message.
        pub fn progress(percent: i32, ptr: *const u8, len: usize);
        /// Makes the job's input the pending result; returns its length (0 when there is none).
        pub fn get_input() -> i32;
        /// Sets the job's output string (the last call wins).
        pub fn set_output(ptr: *const u8, len: usize);
    }

    /// `flags` bit 0 of [`http_request`]: the request is idempotent and may be sent again after an
    /// interruption.
    pub const HTTP_IDEMPOTENT: i32 = 1;
}

/// Reads the pending result left by the last call that produced one.
fn take_result() -> Vec<u8> {
    // SAFETY: result_len has no arguments; result_read writes at most `buf.len()` bytes into `buf`.
    let len = unsafe { sys::result_len() };
    if len <= 0 {
        return Vec::new();
    }
    let mut buf = vec![0u8; len as usize];
    let copied = unsafe { sys::result_read(buf.as_mut_ptr(), buf.len()) };
    buf.truncate(copied.clamp(0, len) as usize);
    buf
}

/// HTTP requests made by the host on the guest's behalf.
pub mod http {
    use std::fmt;

    /// An HTTP request, built with [`Request::get`], [`Request::post`] or [`Request::new`] and sent
    /// with [`Request::send`].
    ///
    /// In durable mode a request is journaled before it is sent and again with its reply. If a run
    /// ends in between, the next run gets [`Error::Interrupted`] for it instead of sending it twice,
    /// unless it was marked [`Request::idempotent`], in which case it is simply sent again.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Request {
        method: String,
        url: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        idempotent: bool,
    }

    impl Request {
        /// A request with any method (`"PUT"`, `"DELETE"`, ...) and an empty body.
        pub fn new(method: &str, url: &str) -> Self {
            Request {
                method: method.to_string(),
                url: url.to_string(),
                headers: Vec::new(),
                body: Vec::new(),
                idempotent: false,
            }
        }

        /// A `GET` request. Mark it [`idempotent`](Request::idempotent) if sending it twice is harmless.
        pub fn get(url: &str) -> Self {
            Request::new("GET", url)
        }

        /// A `POST` request with the given body.
        pub fn post(url: &str, body: impl Into<Vec<u8>>) -> Self {
            Request::new("POST", url).body(body)
        }

        /// Replaces the body.
        pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
            self.body = body.into();
            self
        }

        /// Adds a header. A name with `:` or a line break, or a value with a line break, makes
        /// [`send`](Request::send) fail with [`Error::Invalid`].
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.headers.push((name.to_string(), value.to_string()));
            self
        }

        /// Marks the request idempotent: after an interruption it is sent again rather than reported
        /// as [`Error::Interrupted`].
        pub fn idempotent(mut self) -> Self {
            self.idempotent = true;
            self
        }

        /// Sends the request and waits for the reply. Any HTTP status (including 4xx and 5xx) is an
        /// `Ok` [`Response`]; an `Err` means there was no reply.
        pub fn send(&self) -> Result<Response, Error> {
            let mut headers = String::new();
            for (name, value) in &self.headers {
                if name.is_empty() || name.contains([':', '\r', '\n']) || value.contains(['\r', '\n']) {
                    return Err(Error::Invalid(format!("invalid header {name:?}")));
                }
                if !headers.is_empty() {
                    headers.push('\n');
                }
                headers.push_str(name);
                headers.push_str(": ");
                headers.push_str(value);
            }
            let flags = if self.idempotent { crate::sys::HTTP_IDEMPOTENT } else { 0 };
            // SAFETY: every pointer/length pair describes a live, initialised buffer.
            let code = unsafe {
                crate::sys::http_request(
                    self.method.as_ptr(),
                    self.method.len(),
                    self.url.as_ptr(),
                    self.url.len(),
                    headers.as_ptr(),
                    headers.len(),
                    self.body.as_ptr(),
                    self.body.len(),
                    flags,
                )
            };
            let result = crate::take_result();
            let message = || String::from_utf8_lossy(&result).into_owned();
            match code {
                100..=599 => Ok(Response { status: code as u16, body: result }),
                -1 => Err(Error::Interrupted),
                -2 => Err(Error::Denied),
                -3 => Err(Error::Failed(message())),
                -4 => Err(Error::Invalid(message())),
                other => Err(Error::Failed(format!("unexpected result {other} from http_request: {}", message()))),
            }
        }
    }

    /// The reply to a [`Request`].
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Response {
        /// The HTTP status, 100–599.
        pub status: u16,
        /// The response body.
        pub body: Vec<u8>,
    }

    impl Response {
        /// The body as text (invalid UTF-8 is replaced with U+FFFD).
        pub fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }

        /// Whether the status is 2xx.
        pub fn is_success(&self) -> bool {
            (200..300).contains(&self.status)
        }
    }

    /// Why a [`Request`] got no reply.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Error {
        /// A previous run ended while this non-idempotent request was in flight: it may or may not
        /// have reached the server, and it is not sent again.
        Interrupted,
        /// The host's policy does not allow this request.
        Denied,
        /// The request was sent but failed (network error, timeout); the host's message.
        Failed(String),
        /// The request is malformed (bad method, URL or header); the reason.
        Invalid(String),
    }

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Error::Interrupted => f.write_str("interrupted: the run ended while the request was in flight"),
                Error::Denied => f.write_str("denied by the host"),
                Error::Failed(message) => write!(f, "failed: {message}"),
                Error::Invalid(message) => write!(f, "invalid request: {message}"),
            }
        }
    }

    impl std::error::Error for Error {}
}

/// Log lines into the job's live logs (stream `log`).
pub mod log {
    /// A log level.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Level {
        /// Level 0.
        Debug = 0,
        /// Level 1.
        Info = 1,
        /// Level 2.
        Warn = 2,
        /// Level 3.
        Error = 3,
    }

    /// Logs `message` at `level`.
    pub fn log(level: Level, message: &str) {
        // SAFETY: the pointer/length pair describes `message`.
        unsafe { crate::sys::log(level as i32, message.as_ptr(), message.len()) }
    }

    /// Logs at level debug.
    pub fn debug(message: &str) {
        log(Level::Debug, message)
    }

    /// Logs at level info.
    pub fn info(message: &str) {
        log(Level::Info, message)
    }

    /// Logs at level warn.
    pub fn warn(message: &str) {
        log(Level::Warn, message)
    }

    /// Logs at level error.
    pub fn error(message: &str) {
        log(Level::Error, message)
    }
}

/// Wall-clock time in Unix milliseconds (journaled: a resumed run sees the recorded values).
pub fn now() -> u64 {
    // SAFETY: no arguments.
    let ms = unsafe { sys::now() };
    ms.max(0) as u64
}

/// Fills `buf` with random bytes (journaled: a resumed run gets the same bytes).
pub fn random_bytes(buf: &mut [u8]) {
    if buf.is_empty() {
        return;
    }
    // SAFETY: the host writes exactly `buf.len()` bytes into `buf`.
    unsafe {
        sys::random(buf.as_mut_ptr(), buf.len());
    }
}

/// A durable timer: sleeps `duration` of wall-clock time, rounded up to whole milliseconds. After a
/// resume only what is left of it is waited for.
pub fn sleep(duration: std::time::Duration) {
    let mut ms = duration.as_millis();
    if duration.subsec_nanos() % 1_000_000 != 0 {
        ms += 1;
    }
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    // SAFETY: plain integer argument.
    unsafe { sys::sleep(ms) }
}

/// Reports the job's progress: `percent` (clamped to 100) and a short message.
pub fn progress(percent: u8, message: &str) {
    // SAFETY: the pointer/length pair describes `message`.
    unsafe { sys::progress(i32::from(percent.min(100)), message.as_ptr(), message.len()) }
}

/// The job's `input` string, or `None` when it has none (or it is empty).
pub fn input() -> Option<String> {
    // SAFETY: no arguments; the input becomes the pending result.
    let len = unsafe { sys::get_input() };
    if len <= 0 {
        return None;
    }
    Some(String::from_utf8_lossy(&take_result()).into_owned())
}

/// Sets the job's `output` string; the last call wins.
pub fn set_output(output: &str) {
    // SAFETY: the pointer/length pair describes `output`.
    unsafe { sys::set_output(output.as_ptr(), output.len()) }
}
