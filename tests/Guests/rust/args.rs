//! Prints argv[1..] joined with spaces (argv[0], the module name, is left out).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("{}", args.join(" "));
}
