// Prints "ok" lines when the wall clock is after 2020-01-01, the monotonic clock does not go back over
// 1000 reads, and Math.random (seeded from WASI random_get) stays in [0, 1) and is not constant.
const epoch2020: i64 = 1577836800000;
console.log(Date.now() > epoch2020 ? "realtime ok" : "realtime wrong");
let last = performance.now();
let monotonic = true;
for (let i = 0; i < 1000; i++) {
  const now = performance.now();
  if (now < last) monotonic = false;
  last = now;
}
console.log(monotonic ? "monotonic ok" : "monotonic wrong");
const a = Math.random();
const b = Math.random();
console.log(a >= 0 && a < 1 && b >= 0 && b < 1 && a != b ? "random ok" : "random wrong");
