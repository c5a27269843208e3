;; A reactor-style module without _start: valid wasm, but not a runnable command.
(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
