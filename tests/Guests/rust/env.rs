//! Prints every environment variable as NAME=value, sorted by name, then whether HOME and PATH are
//! present (they must not be: the guest sees only the job's env).
fn main() {
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    for (name, value) in &vars {
        println!("{name}={value}");
    }
    for name in ["HOME", "PATH"] {
        let state = if std::env::var_os(name).is_some() { "present" } else { "absent" };
        println!("{name} {state}");
    }
}
