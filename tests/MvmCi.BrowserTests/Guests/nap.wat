;; nap: prints "napping", reports 50 % progress, takes a durable sleep of 5 s (mvmci.sleep), prints "awake", exits 0.
;; A job that is running for a while and then completes on its own, for the pages that follow a job live.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "mvmci" "sleep" (func $sleep (param i64)))
  (import "mvmci" "progress" (func $progress (param i32 i32 i32)))
  (memory (export "memory") 1)
  ;; 0: iovec, 8: bytes written, 64: texts
  (data (i32.const 64) "napping\n")
  (data (i32.const 80) "awake\n")
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $write (i32.const 64) (i32.const 8))
    (call $progress (i32.const 50) (i32.const 64) (i32.const 7))
    (call $sleep (i64.const 5000))
    (call $write (i32.const 80) (i32.const 6))))
