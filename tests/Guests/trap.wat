;; Executes unreachable from a named function, so the trap has a backtrace frame.
(module
  (memory (export "memory") 1)
  (func $explode unreachable)
  (func (export "_start") (call $explode)))
