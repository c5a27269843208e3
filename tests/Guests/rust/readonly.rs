//! Prints /inputs/data.txt, then tries to create /inputs/new.txt: "write denied" when that fails
//! (the inputs are read-only), "write allowed" otherwise.
use std::fs;

fn main() {
    let data = fs::read_to_string("/inputs/data.txt").expect("read /inputs/data.txt");
    print!("{data}");
    if !data.ends_with('\n') {
        println!();
    }
    match fs::write("/inputs/new.txt", "should not be written\n") {
        Ok(()) => println!("write allowed"),
        Err(_) => println!("write denied"),
    }
}
