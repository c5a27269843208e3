//! Prints "ok" if the realtime clock is after 2020-01-01 and the monotonic clock never goes back over
//! 1000 reads; otherwise says what is wrong and exits 1.
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    if since_epoch < Duration::from_secs(1_577_836_800) {
        println!("realtime before 2020-01-01: {} s", since_epoch.as_secs());
        std::process::exit(1);
    }
    let mut last = Instant::now();
    for i in 0..1000 {
        let now = Instant::now();
        if now < last {
            println!("monotonic went back at read {i}");
            std::process::exit(1);
        }
        last = now;
    }
    println!("ok");
}
