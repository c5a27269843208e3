//! Fetches every URL of the job's input (one a line) with an idempotent GET, reports progress and
//! logs each status, and sets a small JSON summary as the job's output. Exits 1 unless every URL
//! answered with a status below 400.

use mvmci::http::Request;

/// One URL's result: its status and body size, or why there was no reply.
struct Page {
    url: String,
    result: Result<(u16, usize), String>,
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn run() -> i32 {
    let input = mvmci::input().unwrap_or_default();
    let urls: Vec<&str> = input
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    if urls.is_empty() {
        mvmci::log::error("no URLs: the job's input should list one URL a line");
        mvmci::set_output(r#"{"fetched":0,"failed":0,"bytes":0,"pages":[]}"#);
        eprintln!("crawler: no URLs in the job's input");
        return 1;
    }

    let mut pages = Vec::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        let result = match Request::get(url).idempotent().send() {
            Ok(response) => {
                let level = if response.status < 400 { mvmci::log::info } else { mvmci::log::warn };
                level(&format!("GET {url} -> {} ({} bytes)", response.status, response.body.len()));
                Ok((response.status, response.body.len()))
            }
            Err(error) => {
                mvmci::log::error(&format!("GET {url} -> {error}"));
                Err(error.to_string())
            }
        };
        let done = i + 1;
        mvmci::progress((done * 100 / urls.len()) as u8, &format!("{done}/{} {url}", urls.len()));
        pages.push(Page { url: url.to_string(), result });
    }

    let fetched = pages.iter().filter(|p| matches!(p.result, Ok((status, _)) if status < 400)).count();
    let failed = pages.len() - fetched;
    let bytes: usize = pages.iter().map(|p| p.result.as_ref().map_or(0, |&(_, n)| n)).sum();
    let entries: Vec<String> = pages
        .iter()
        .map(|p| match &p.result {
            Ok((status, n)) => format!(r#"{{"url":{},"status":{status},"bytes":{n}}}"#, json_string(&p.url)),
            Err(error) => format!(r#"{{"url":{},"error":{}}}"#, json_string(&p.url), json_string(error)),
        })
        .collect();
    mvmci::set_output(&format!(
        r#"{{"fetched":{fetched},"failed":{failed},"bytes":{bytes},"pages":[{}]}}"#,
        entries.join(",")
    ));
    println!("crawled {} URLs: {fetched} fetched, {failed} failed, {bytes} bytes", pages.len());
    if failed == 0 { 0 } else { 1 }
}

// Not `main() -> ExitCode`: with rustc 1.63 on wasm32-wasi an ExitCode is only success/failure, and
// every failure becomes exit code 1.
fn main() {
    let code = run();
    if code != 0 {
        std::process::exit(code);
    }
}
