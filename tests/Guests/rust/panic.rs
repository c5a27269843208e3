//! Prints a line, then panics: on wasm32-wasi a panic aborts, which is a trap (`unreachable`).
fn main() {
    println!("about to panic");
    panic!("boom");
}
