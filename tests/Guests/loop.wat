;; Spins forever: only an epoch deadline (or fuel) stops it.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever (br $forever))))
