//! Writes /work/out.txt, reads it back, creates /work/sub/ and lists /work sorted (directories with
//! a trailing slash).
use std::fs;

fn main() {
    let text = "hello from the guest\n";
    fs::write("/work/out.txt", text).expect("write /work/out.txt");
    println!("wrote {} bytes", text.len());
    let back = fs::read_to_string("/work/out.txt").expect("read /work/out.txt");
    println!("read back: {}", back.trim_end());
    fs::create_dir("/work/sub").expect("create /work/sub");
    println!("created /work/sub");
    let mut names: Vec<String> = fs::read_dir("/work")
        .expect("list /work")
        .map(|entry| {
            let entry = entry.expect("directory entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().expect("file type").is_dir() { name + "/" } else { name }
        })
        .collect();
    names.sort();
    println!("/work: {}", names.join(" "));
}
