// One application and one browser for the whole run: run one test collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
