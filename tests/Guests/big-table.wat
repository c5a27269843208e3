;; Declares a table of 2,000,000 elements: more than the sandbox allows (1,000,000).
(module (table 2000000 funcref) (memory (export "memory") 1) (func (export "_start")))
