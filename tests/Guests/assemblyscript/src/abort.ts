// Prints a line, then fails an assertion: AssemblyScript's abort, which the WASI shim reports on
// stderr and ends with proc_exit(255). Wasmtime (its CLI too) refuses an exit status outside
// 0..125 with an error, so the job fails as a trap.
console.log("about to abort");
assert(process.argv.length > 5, "not enough arguments");
