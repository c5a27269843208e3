;; Grows a table within the sandbox's element limit (1,000,000), then past it, then by 2^32-1, and prints what
;; each table.grow returned (the old size, or -1 when refused) and the final size, one number a line.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table $t 1 funcref)
  ;; 0: iovec, 8: nwritten, 16..32: digits of the number being printed
  (func $print (param $value i32)
    (local $p i32) (local $n i32) (local $negative i32)
    (local.set $p (i32.const 32))
    (i32.store8 (local.get $p) (i32.const 10))
    (local.set $negative (i32.lt_s (local.get $value) (i32.const 0)))
    (local.set $n (select (i32.sub (i32.const 0) (local.get $value)) (local.get $value) (local.get $negative)))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (i32.ne (local.get $n) (i32.const 0))))
    (if (local.get $negative)
      (then
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (i32.store8 (local.get $p) (i32.const 45))))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 33) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $print (table.grow $t (ref.null func) (i32.const 999)))
    (call $print (table.grow $t (ref.null func) (i32.const 2000000)))
    (call $print (table.grow $t (ref.null func) (i32.const -1)))
    (call $print (table.size $t))))
