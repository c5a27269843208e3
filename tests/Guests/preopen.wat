;; Asks for a third preopened directory (fd 5; fds 3 and 4 are /work and /inputs) and exits with
;; the errno it gets: 0 would mean another host directory is visible; 8 (EBADF) means there is none.
(module
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (call $prestat (i32.const 5) (i32.const 0)))))
