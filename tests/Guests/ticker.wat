;; Writes "tick" five times, burning CPU for a while between the writes, so its output arrives while it runs.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "tick\n")
  (func (export "_start")
    (local $n i32) (local $i i32)
    (loop $ticks
      (i32.store (i32.const 0) (i32.const 64))
      (i32.store (i32.const 4) (i32.const 5))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $i (i32.const 0))
      (loop $spin
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $spin (i32.lt_u (local.get $i) (i32.const 150000000))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $ticks (i32.lt_u (local.get $n) (i32.const 5))))))
