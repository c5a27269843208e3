;; Declares 8000 pages (500 MiB) of memory: more than the 256 MiB limit.
(module (memory (export "memory") 8000) (func (export "_start")))
