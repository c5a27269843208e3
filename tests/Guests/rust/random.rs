//! Prints "ok" if 32 bytes from WASI random_get are not all zero.
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn random_get(buf: *mut u8, buf_len: usize) -> i32;
}

fn main() {
    let mut buf = [0u8; 32];
    // SAFETY: random_get writes exactly buf.len() bytes into buf.
    let errno = unsafe { random_get(buf.as_mut_ptr(), buf.len()) };
    if errno != 0 {
        println!("random_get failed: errno {errno}");
        std::process::exit(1);
    }
    println!("{}", if buf.iter().any(|&b| b != 0) { "ok" } else { "all zero" });
}
