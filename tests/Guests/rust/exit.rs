//! Writes a line to stdout and one to stderr, then exits with code 7.
fn main() {
    println!("exiting with 7");
    eprintln!("error: failing on purpose");
    std::process::exit(7);
}
