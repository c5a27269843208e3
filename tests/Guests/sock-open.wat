;; Imports sock_open, which WASI preview1 never had (only sock_accept/recv/send/shutdown on given descriptors):
;; a guest cannot create a socket of its own.
(module
  (import "wasi_snapshot_preview1" "sock_open" (func $sock_open (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $sock_open (i32.const 1) (i32.const 1) (i32.const 0)))))
