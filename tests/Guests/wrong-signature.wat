;; Imports a real WASI function with the wrong signature (fd_write takes four i32s and returns one).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i64) (result i64)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $fd_write (i64.const 0)))))
