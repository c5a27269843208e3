//! Copies stdin to stdout with ASCII letters uppercased.
use std::io::{Read, Write};

fn main() {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).expect("read stdin");
    input.make_ascii_uppercase();
    std::io::stdout().write_all(&input).expect("write stdout");
}
