//! Tries to read host files outside the preopened directories: prints "denied <path>" for each
//! failure and "leaked <path>" for each success.
fn main() {
    for path in ["/etc/passwd", "/work/../etc/passwd", "../../etc/hostname"] {
        match std::fs::File::open(path) {
            Ok(_) => println!("leaked {path}"),
            Err(_) => println!("denied {path}"),
        }
    }
}
