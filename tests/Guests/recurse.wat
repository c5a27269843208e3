;; Recurses without end (not a tail call, so every call takes a frame): only the stack limit stops it.
(module
  (memory (export "memory") 1)
  (func $down (param $depth i32) (result i32)
    (i32.add (call $down (i32.add (local.get $depth) (i32.const 1))) (i32.const 1)))
  (func (export "_start")
    (drop (call $down (i32.const 0)))))
