//! Makes five non-idempotent POSTs to `{base}/step/{i}` (the base URL is the job's input), with a
//! durable `mvmci::sleep` of argv[1] milliseconds (default 300) between them, and sets the output
//! `done 5`. Used by the kill -9 durability test: after a resume, the steps already journaled are not
//! sent again, and a step that was in flight when the run died comes back as Interrupted (exit 2).

use mvmci::http::{Error, Request};
use std::time::Duration;

const STEPS: u32 = 5;

fn run() -> i32 {
    let pause_ms = match std::env::args().nth(1) {
        None => 300,
        Some(arg) => match arg.parse::<u64>() {
            Ok(ms) => ms,
            Err(_) => {
                eprintln!("durable-steps: argv[1] must be a number of milliseconds, not {arg:?}");
                return 1;
            }
        },
    };
    let base = match mvmci::input() {
        Some(input) if !input.trim().is_empty() => input.trim().trim_end_matches('/').to_string(),
        _ => {
            eprintln!("durable-steps: the job's input must be a base URL");
            return 1;
        }
    };

    for i in 1..=STEPS {
        if i > 1 {
            mvmci::sleep(Duration::from_millis(pause_ms));
        }
        match Request::post(&format!("{base}/step/{i}"), format!("step {i}")).send() {
            Ok(response) => println!("step {i}: {}", response.status),
            Err(Error::Interrupted) => {
                eprintln!("step {i}: interrupted: the previous run ended while it was in flight; not sent again");
                return 2;
            }
            Err(error) => {
                eprintln!("step {i}: {error}");
                return 1;
            }
        }
    }
    mvmci::set_output(&format!("done {STEPS}"));
    0
}

// Not `main() -> ExitCode`: with rustc 1.63 on wasm32-wasi an ExitCode is only success/failure, and
// every failure becomes exit code 1.
fn main() {
    let code = run();
    if code != 0 {
        std::process::exit(code);
    }
}
